using System.Text.RegularExpressions;

namespace ViT.Generators.Shapes;

/// <summary>
/// What a layer's <c>Name</c> (and the name a repeat gives its uses) may hold: a state-dict name has no dots (each level
/// is a module of its own) and is not empty.
/// </summary>
internal static class StateNames
{
    static readonly Regex Pattern = new("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant);

    public static bool IsValid(string name) => Pattern.IsMatch(name);

    /// <summary>The error for <c>argument = "name"</c>, where <paramref name="name"/> is not a state-dict name.</summary>
    public static string Problem(string argument, string name) =>
        $"{argument} = \"{name}\" is not a state-dict name: use letters, digits, _ and - (a name with dots is a module inside a module: declare that module as a class)";
}
