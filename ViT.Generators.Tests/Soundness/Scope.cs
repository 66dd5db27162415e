namespace ViT.Generators.Tests.Soundness;

/// <summary>
/// What the names in a class's attribute arguments mean at one use of the class: its constants with the values this
/// use gives them (typed as C# types them: <c>int</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c>, a ViT
/// enum), and <c>In</c>, the shape the class receives there (a model's declared input), without the batch.
/// </summary>
internal sealed record Scope(string ClassName, IReadOnlyDictionary<string, object> Constants, long[]? Input)
{
    /// <summary>The class's constants with their declared values, and no input known yet.</summary>
    public static Scope Declared(ModelClass model) => new(model.Name, model.Constants.ToDictionary(c => c.Name, c => c.Value), null);
}
