using System.Text;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Writes a <see cref="CaseDraft"/> as C# files: usings (and the aliases an attribute was spelled with), the namespace
/// (global, block or file-scoped), each model's partial declarations with their containers, the attributes spelled and
/// grouped at random (<c>[A, B]</c> or <c>[A]</c> <c>[B]</c>; <c>Input</c>, <c>ViT.Input</c>, <c>global::ViT.InputAttribute</c>, an alias).
/// </summary>
internal sealed class SourceRenderer(Random random)
{
    public List<string> Render(CaseDraft draft)
    {
        var bodies = new List<(StringBuilder Text, SortedSet<string> Aliases)> { (new StringBuilder(), new SortedSet<string>(StringComparer.Ordinal)) };
        foreach (var model in draft.Models)
        {
            var cuts = Enumerable.Range(0, model.Parts - 1).Select(_ => random.Next(model.Layers.Count + 1)).Order().Prepend(0).Append(model.Layers.Count).ToList();
            for (int part = 0; part < model.Parts; part++)
            {
                if (part > 0 && model.SeparateFiles) bodies.Add((new StringBuilder(), new SortedSet<string>(StringComparer.Ordinal)));
                var (text, aliases) = part > 0 && model.SeparateFiles ? bodies[^1] : bodies[0];
                Declaration(text, aliases, model, part, model.Layers.Skip(cuts[part]).Take(cuts[part + 1] - cuts[part]).ToList());
            }
        }

        for (int i = 0; i < draft.TrainedModels.Count; i++) bodies[0].Text.Append(Usage(draft.TrainedModels[i], i));
        return bodies.Select(b => File(draft, b.Text.ToString(), b.Aliases)).ToList();
    }

    static string File(CaseDraft draft, string body, SortedSet<string> aliases)
    {
        var o = new StringBuilder();
        if (draft.UsingViT) o.Append("using ViT;\n");
        foreach (string alias in aliases) o.Append($"using {alias}Alias = ViT.{alias}Attribute;\n");
        o.Append('\n');
        if (draft.Namespace is null) return o.Append(body).ToString();
        if (draft.FileScoped) return o.Append($"namespace {draft.Namespace};\n\n").Append(body).ToString();
        return o.Append($"namespace {draft.Namespace}\n{{\n").Append(body).Append("}\n").ToString();
    }

    void Declaration(StringBuilder o, SortedSet<string> aliases, ModelDraft model, int part, List<AttributeDraft> layers)
    {
        foreach (var container in model.Containers) o.Append(container.Header).Append("\n{\n");
        bool open = false;
        for (int i = 0; i < layers.Count; i++)
        {
            o.Append(open ? ", " : "[");
            o.Append(layers[i].Render(Spell(layers[i].Name, aliases)));
            open = i < layers.Count - 1 && random.Next(5) < 2;
            if (!open) o.Append("]\n");
        }

        string suffix = model.TypeParameters + (part == 0 ? model.ParameterList + model.BaseList : "");
        o.Append(Declarations.Header(model.Modifiers, model.Keyword, model.Name + suffix));
        var members = model.Members.Where(m => m.Part == part).Select(m => m.Text).ToList();
        if (members.Count == 0) o.Append(random.Next(5) < 2 ? ";\n" : " { }\n");
        else o.Append("\n{\n").Append(string.Concat(members.Select(m => "    " + m + "\n"))).Append("}\n");
        foreach (var _ in model.Containers) o.Append("}\n");
        o.Append('\n');
    }

    string Spell(string name, SortedSet<string> aliases)
    {
        switch (random.Next(50))
        {
            case 0 or 1 or 2: return "ViT." + name;
            case 3: return "global::ViT." + name + "Attribute";
            case 4: return "global::ViT." + name;
            case 5 or 6: return name + "Attribute";
            case 7 or 8:
                aliases.Add(name);
                return name + "Alias";
            default: return name;
        }
    }

    /// <summary>A call that passes <paramref name="model"/> and MNIST data together, as training does (for VIT0018).</summary>
    static string Usage(string model, int number) => $$"""
        internal static class Use{{number}}
        {
            internal static void Run(ViT.Data.Mnist data, {{model}} model)
            {
                Fit(model, data.Train);
                Fit(model, data);
            }

            private static void Fit<T>(T model, object data) { }
        }

        """;
}
