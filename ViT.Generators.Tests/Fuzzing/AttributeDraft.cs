namespace ViT.Generators.Tests.Fuzzing;

/// <summary>A fuzzed attribute: its short name (<c>Conv2d</c>) and its arguments, or no argument list at all.</summary>
internal sealed record AttributeDraft(string Name, IReadOnlyList<ArgumentDraft> Arguments, bool HasArgumentList = true)
{
    public static AttributeDraft Of(string name, params ArgumentDraft[] arguments) => new(name, arguments, arguments.Length > 0);

    /// <summary>The attribute as written, with <paramref name="name"/> standing for how the case spells the attribute's name.</summary>
    public string Render(string name) => HasArgumentList ? $"{name}({string.Join(", ", Arguments)})" : name;

    public override string ToString() => Render(Name);
}
