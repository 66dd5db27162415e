using System.Globalization;

namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// The declaration shapes a model class may come in: hostile names (keywords, contextual keywords, the names of what the
/// generator writes, non-ASCII), every kind of type declaration and modifier, generic and primary-constructor
/// suffixes, explicit base lists and constructors, members named like generated ones, containers of every kind
/// (partial or not, generic, static, file-local, a model themselves), and models split over partial declarations.
/// </summary>
internal static class DeclarationShapes
{
    /// <summary>Names as written; each needs the generated code to keep (or escape) it exactly.</summary>
    public static readonly string[] HostileNames =
    {
        "@class", "@event", "@int", "@object", "@string", "@record", "@file", "@partial", "@global", "@this", "@var", "@required",
        "var", "dynamic", "async", "await", "nameof", "value", "field", "where", "yield", "select", "record", "file", "required", "scoped",
        "PatchEmbed", "Block", "Mlp", "Attention", "ModelSummary", "Summary", "forward", "ParameterCount", "InputShape", "OutputShape",
        "InitializeWeights", "patch_embed", "blocks", "head", "norm", "fc_norm", "cls_token", "pos_embed", "training", "RegisterComponents",
        "Tensor", "Module", "TorchSharp", "ViT", "System", "IGeneratedModel", "ShapeMismatchException", "GeneratedCode", "Scale", "B", "x",
        "Precision", "Autocast", "ComputePrecision",
        "Modèle", "模型", "Ω", "M\\u0061", "ǅ", "Ⅻ", "_", "__", "M\\u0301", "M\\u200Bx", "@M",
    };

    /// <summary>Names that members of a model may take: those the generated code uses for itself, and some it might.</summary>
    static readonly string[] MemberNames =
    {
        "forward", "Summary", "ModelSummary", "ParameterCount", "InputShape", "OutputShape", "InitializeWeights", "InitializeWeights_",
        "patch_embed", "patch_embed_", "cls_token", "pos_embed", "blocks", "norm", "head", "fc_norm", "conv0", "conv1", "fc0", "fc1", "fc2",
        "ln1", "bn0", "block0", "block1", "res1", "res2", "PatchEmbed", "Block", "Block_", "Mlp", "Attention", "training", "RegisterComponents",
        "x", "B", "Scale", "noGrad", "module", "linear", "i", "block", "blocksArray", "Item", "Dispose", "train", "eval", "name", "parameters",
        "state_dict", "call", "to", "@class", "@var", "var", "Tensor", "global", "TorchSharp", "ViT", "System",
        "Precision", "compute", "compute_", "Autocast",
    };

    static readonly string[] MemberForms =
    {
        "public int {0};", "public int {0}() => 0;", "public static string {0} => \"\";", "internal sealed class {0} {{ }}",
        "private const int {0} = 1;", "public event System.Action? {0};", "public bool {0} {{ get; set; }}", "public void {0}(int a) {{ }}",
        "internal enum {0} {{ A }}", "public delegate void {0}();", "internal struct {0} {{ }}", "public static readonly object {0} = new();",
    };

    static readonly string[] Constructors =
    {
        "public {0}() {{ }}", "public {0}(int size) : this() {{ }}", "public {0}(int size) {{ }}", "static {0}() {{ }}",
        "public {0}(string name) : base() {{ }}", "~{0}() {{ }}", "public int this[int i] => i;", "public static {0} operator +({0} a, {0} b) => a;",
        "public {0}(long size) : this() => _ = size;",
    };

    static readonly string[] BaseLists =
    {
        " : object", " : System.Object", " : global::System.Object", " : System.Exception", " : System.IDisposable", " : ViT.IGeneratedModel",
        " : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>", " : TorchSharp.torch.nn.Module", " : Undefined",
        " : System.Collections.Generic.List<int>", " : dynamic",
    };

    static readonly string[] Keywords = { "record", "record class", "record struct", "struct", "interface", "readonly struct", "ref struct" };

    static readonly string[] ContainerKeywords = { "class", "class", "class", "struct", "readonly struct", "ref struct", "record", "record struct", "interface" };

    static readonly string[] ContainerNames = { "Outer", "Catalog", "@class", "Models", "Block", "forward", "Inner", "Outer2", "var", "PatchEmbed" };

    /// <summary>Draws a declaration shape for <paramref name="model"/> (a model the case is about, not a helper).</summary>
    public static void Apply(Random random, ModelDraft model)
    {
        if (random.Next(6) == 0)
        {
            for (int i = random.Next(1, 3); i > 0; i--) model.Containers.Add(Container(random));
        }

        if (random.Next(6) == 0) model.Keyword = Keywords[random.Next(Keywords.Length)];
        model.Modifiers.Clear();
        model.Modifiers.AddRange(Modifiers(random, nested: model.Containers.Count > 0));
        if (random.Next(20) == 0) model.TypeParameters = "<T>";
        if (random.Next(25) == 0) model.ParameterList = random.Next(2) == 0 ? "(int size)" : "()";
        if (random.Next(10) == 0) model.BaseList = BaseLists[random.Next(BaseLists.Length)];
        if (random.Next(4) == 0)
        {
            for (int i = random.Next(1, 4); i > 0; i--) model.Members.Add((0, Member(random, model.Name)));
        }

        if (random.Next(6) == 0)
        {
            model.Parts = random.Next(2, 4);
            model.SeparateFiles = random.Next(2) == 0;
            for (int i = 0; i < model.Members.Count; i++) model.Members[i] = (random.Next(model.Parts), model.Members[i].Text);
        }
    }

    /// <summary>A member for a model named <paramref name="name"/> as written: named like something generated, or a constructor.</summary>
    public static string Member(Random random, string name) => random.Next(4) == 0
        ? string.Format(CultureInfo.InvariantCulture, Constructors[random.Next(Constructors.Length)], name)
        : string.Format(CultureInfo.InvariantCulture, MemberForms[random.Next(MemberForms.Length)], MemberNames[random.Next(MemberNames.Length)]);

    static IEnumerable<string> Modifiers(Random random, bool nested)
    {
        int access = random.Next(nested ? 6 : 4);
        if (access == 0) yield return "public";
        else if (access == 1) yield return "internal";
        else if (access == 2 && random.Next(4) == 0) yield return "file";
        else if (access == 4) yield return "private";
        else if (access == 5) yield return "protected";
        switch (random.Next(14))
        {
            case 0 or 1: yield return "sealed"; break;
            case 2: yield return "abstract"; break;
            case 3: yield return "static"; break;
            case 4: yield return "unsafe"; break;
        }

        if (random.Next(12) > 0) yield return "partial";
    }

    static ContainerDraft Container(Random random)
    {
        string keyword = ContainerKeywords[random.Next(ContainerKeywords.Length)];
        var modifiers = Modifiers(random, nested: false).Where(m => keyword == "class" || m is not ("static" or "sealed" or "abstract" or "unsafe")).ToList();
        if (random.Next(6) == 0 && !modifiers.Contains("partial")) modifiers.Add("partial");
        string attributes = random.Next(12) == 0 ? "[Input(4), Linear(2)]\n" : "";
        return new ContainerDraft(attributes, modifiers, keyword, ContainerNames[random.Next(ContainerNames.Length)], random.Next(10) == 0 ? "<T>" : "");
    }
}
