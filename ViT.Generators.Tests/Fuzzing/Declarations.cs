namespace ViT.Generators.Tests.Fuzzing;

/// <summary>How C# wants a type declaration's words ordered: other modifiers, then <c>readonly</c>/<c>ref</c>, then <c>partial</c>, then the kind.</summary>
internal static class Declarations
{
    public static string Header(IEnumerable<string> modifiers, string keyword, string nameAndSuffix)
    {
        var list = modifiers.ToList();
        string[] words = keyword.Split(' ');
        bool prefixed = words.Length == 2 && words[0] is "readonly" or "ref";
        var ordered = list.Where(m => m != "partial")
            .Concat(prefixed ? new[] { words[0] } : Array.Empty<string>())
            .Concat(list.Contains("partial") ? new[] { "partial" } : Array.Empty<string>())
            .Append(prefixed ? words[1] : keyword);
        return string.Join(" ", ordered) + " " + nameAndSuffix;
    }
}
