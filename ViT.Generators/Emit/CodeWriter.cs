using System.Text;

namespace ViT.Generators.Emit;

/// <summary>A minimal indented text writer (four spaces, \n line ends) so the output is deterministic and readable.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

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
        return LineRaw(padded + " // " + comment);
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    /// <summary>A writer that starts at this one's depth, for a section that may turn out empty; see <see cref="Append"/>.</summary>
    public CodeWriter Nested() => new() { depth = depth };

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
