using System.Text;

namespace ViT.Generators.Emit;

/// <summary>
/// A minimal indented text writer (four spaces, \n line ends) so the output is deterministic and readable: C# by
/// default, Python (<c>#</c> comments, blocks by indentation alone) from <see cref="Python"/>.
/// </summary>
public sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private readonly string commentMarker;
    private readonly bool braces;
    private int depth;

    public CodeWriter()
        : this("//", braces: true)
    {
    }

    private CodeWriter(string commentMarker, bool braces)
    {
        this.commentMarker = commentMarker;
        this.braces = braces;
    }

    /// <summary>A writer for Python source: <see cref="Open"/> indents without a brace, comments start with <c>#</c>.</summary>
    public static CodeWriter Python() => new("#", braces: false);

    /// <summary>Whether anything has been written.</summary>
    public bool IsEmpty => text.Length == 0;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', depth * 4).Append(line);
        text.Append('\n');
        return this;
    }

    /// <summary>A statement with a trailing comment aligned at a fixed column, used for shape comments.</summary>
    public CodeWriter Line(string code, string comment)
    {
        const int column = 72;
        string indent = new(' ', depth * 4);
        string padded = (indent + code).PadRight(column - 1);
        return LineRaw(padded + " " + commentMarker + " " + comment);
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        if (braces) Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        depth--;
        return braces ? Line("}" + suffix) : this;
    }

    /// <summary>A writer that starts at this one's depth (or <paramref name="deeper"/> levels in), for a section that may turn out empty; see <see cref="Append"/>.</summary>
    public CodeWriter Nested(int deeper = 0) => new(commentMarker, braces) { depth = depth + deeper };

    /// <summary>Appends what a <see cref="Nested"/> writer collected.</summary>
    public CodeWriter Append(CodeWriter nested)
    {
        text.Append(nested.text);
        return this;
    }

    public override string ToString() => text.ToString();

    private CodeWriter LineRaw(string line)
    {
        text.Append(line).Append('\n');
        return this;
    }
}
