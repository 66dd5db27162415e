namespace ViT.Generators.Tests.Fuzzing;

/// <summary>Plain syntax errors of code being typed: a bracket or semicolon missing, one too many, a half-typed attribute, a file cut short.</summary>
internal static class SyntaxDamage
{
    static readonly string[] HalfTyped = { "[Patchify(", "[Input(1, 28", "[Encoder(layers: 3, heads: )]", "[ViT.", "[Linear(3),", "[", "[Conv2d(8, 3, Bias = ]", "[Dropout(0.1)" };

    public static string Apply(Random random, string source)
    {
        int start = source.IndexOf("\n\n", StringComparison.Ordinal) + 2; // after the usings
        if (start < 2 || start >= source.Length) return source;
        int at = random.Next(start, source.Length);
        switch (random.Next(5))
        {
            case 0:
            {
                var closers = Enumerable.Range(start, source.Length - start).Where(i => source[i] is ')' or ']' or '}' or ';').ToList();
                return closers.Count == 0 ? source : source.Remove(closers[random.Next(closers.Count)], 1);
            }

            case 1:
                return source.Substring(0, at);
            case 2:
            {
                int line = source.LastIndexOf('\n', at) + 1;
                return source.Insert(line, HalfTyped[random.Next(HalfTyped.Length)] + "\n");
            }

            default:
                return source.Insert(at, new[] { "(", "[", "{", ",", ")", "]", "}", "=", "\"" }[random.Next(9)]);
        }
    }
}
