using System.Runtime.CompilerServices;
using System.Text;

namespace ViT.Generators.Tests;

/// <summary>
/// A small snapshot helper: compares text with <c>Snapshots/NAME.verified.cs</c> next to the tests. On a difference it
/// writes <c>NAME.received.cs</c> beside it and fails with the first differing lines. Set VIT_ACCEPT_SNAPSHOTS=1 to
/// accept: the received text then becomes the verified snapshot.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "VIT_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verified = Path.Combine(folder, name + ".verified.cs");
        string received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}. Wrote {received}; run with {AcceptVariable}=1 to accept it."
            : $"Snapshot {name} differs (received text in {received}; run with {AcceptVariable}=1 to accept):\n{Diff(expected, actual)}");
    }

    static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(e.Length, a.Length) && shown < 10; i++)
        {
            string? left = i < e.Length ? e[i] : null, right = i < a.Length ? a[i] : null;
            if (left == right) continue;
            text.Append("line ").Append(i + 1).Append('\n');
            if (left is not null) text.Append("- ").Append(left).Append('\n');
            if (right is not null) text.Append("+ ").Append(right).Append('\n');
            shown++;
        }

        return text.ToString();
    }
}
