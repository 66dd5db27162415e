using System.ComponentModel;

namespace ViT;

/// <summary>
/// Written by the generator on a model or block whose layer attributes depend on its constants or on <c>In</c>: the
/// C# text of such an argument (<c>Width * 4</c>), which compiled metadata holds only as one number. A project that
/// uses the compiled class (from a package) reads its layers again with each use's values through these.
/// </summary>
/// <param name="layer">The attribute's position among the class's layer attributes, from 0.</param>
/// <param name="argument">The constructor parameter's or property's name.</param>
/// <param name="expression">The argument as written.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ArgumentExpressionAttribute(int layer, string argument, string expression) : Attribute
{
    /// <summary>The attribute's position among the class's layer attributes.</summary>
    public int Layer { get; } = layer;

    /// <summary>The argument's name.</summary>
    public string Argument { get; } = argument;

    /// <summary>The argument as written.</summary>
    public string Expression { get; } = expression;
}
