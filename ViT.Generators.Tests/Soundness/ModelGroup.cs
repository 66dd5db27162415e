namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// A model and the models it uses as layers (through <c>[Layer]</c> and <c>[Residual]</c>, possibly in a cycle): the
/// first class is the model under test. Class names are unique across all groups compiled together.
/// </summary>
internal sealed record ModelGroup(IReadOnlyList<ModelClass> Classes)
{
    public ModelClass Outer => Classes[0];

    public ModelClass? Find(string name) => Classes.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// The classes the model is made of: the outer one and those its <c>typeof</c> arguments reach. A generated inner
    /// class that an edit left unused is compiled, but is no part of the model.
    /// </summary>
    public IReadOnlyList<ModelClass> Reachable() => ReachableFrom(Outer);

    /// <summary>The classes that use <paramref name="name"/>, directly or through others, and the class itself.</summary>
    public IEnumerable<string> Using(string name) => Classes.Where(c => ReachableFrom(c).Any(r => r.Name == name)).Select(c => c.Name);

    /// <summary>The class <paramref name="start"/> and those its <c>typeof</c> arguments reach.</summary>
    public IReadOnlyList<ModelClass> ReachableFrom(ModelClass start)
    {
        var reached = new List<ModelClass> { start };
        for (int i = 0; i < reached.Count; i++)
        {
            var names = reached[i].Layers.SelectMany(l => l.Arguments).Select(a => a.Value).OfType<ModelName>();
            reached.AddRange(names.Select(n => Find(n.Name)).OfType<ModelClass>().Distinct().Where(c => !reached.Contains(c)).ToList());
        }

        return reached;
    }

    /// <summary>The group with every class, and every <c>typeof</c> naming one, renamed <c>{prefix}_{name}</c>.</summary>
    public ModelGroup WithPrefix(string prefix) => WithPrefix(prefix, Classes.Select(c => c.Name));

    /// <summary>The group with the classes named in <paramref name="renamed"/>, and every <c>typeof</c> naming one, renamed <c>{prefix}_{name}</c>.</summary>
    public ModelGroup WithPrefix(string prefix, IEnumerable<string> renamed)
    {
        var names = renamed.ToHashSet();
        string Rename(string name) => names.Contains(name) ? prefix + "_" + name : name;
        Layer RenameLayer(Layer l) => l with { Arguments = l.Arguments.Select(a => a.Value is ModelName m ? a with { Value = new ModelName(Rename(m.Name)) } : a).ToList() };
        return new ModelGroup(Classes.Select(c => c with { Name = Rename(c.Name), Layers = c.Layers.Select(RenameLayer).ToList() }).ToList());
    }

    /// <summary>The group with class <paramref name="index"/> replaced.</summary>
    public ModelGroup With(int index, ModelClass model) => new(Classes.Select((c, i) => i == index ? model : c).ToList());

    public override string ToString() => string.Join(" | ", Classes);
}
