using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Shapes;

namespace ViT.Generators.Emit;

/// <summary>
/// The module classes a model writes for the blocks it uses: one per class, shape and values it is used with (uses
/// with equal traces share one), nested in the model's class, named after the block: <c>Bottleneck_1</c>,
/// <c>Bottleneck_2</c>. Collected from the whole trace before anything is written, so every name is known up front.
/// </summary>
public sealed class Specializations
{
    readonly Dictionary<ShapeTrace, string> names = new();
    readonly List<(ShapeTrace Trace, string Name)> all = new();

    Specializations()
    {
    }

    /// <summary>Every specialised class, in the order first used.</summary>
    public IReadOnlyList<(ShapeTrace Trace, string Name)> All => all;

    /// <summary>Their class names.</summary>
    public IEnumerable<string> Names => all.Select(s => s.Name);

    /// <summary>The classes <paramref name="trace"/>'s steps need, all the way down, named so that none is in <paramref name="taken"/>.</summary>
    public static Specializations Collect(ShapeTrace trace, IEnumerable<string> taken)
    {
        var specializations = new Specializations();
        var used = new HashSet<string>(taken);
        var counts = new Dictionary<string, int>();
        void Visit(ShapeTrace current)
        {
            foreach (var inner in current.Steps.SelectMany(s => s.Layer.Modules))
            {
                if (specializations.names.ContainsKey(inner)) continue;
                Visit(inner);
                counts.TryGetValue(inner.ModelName, out int count);
                string name;
                do
                {
                    count++;
                    name = inner.ModelName + "_" + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                while (!used.Add(name));
                counts[inner.ModelName] = count;
                specializations.names[inner] = name;
                specializations.all.Add((inner, name));
            }
        }

        Visit(trace);
        return specializations;
    }

    /// <summary>The class written for a use with <paramref name="trace"/>.</summary>
    public string NameOf(ShapeTrace trace) => names[trace];
}
