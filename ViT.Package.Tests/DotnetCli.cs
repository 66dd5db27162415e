using System.Diagnostics;
using System.Text;

namespace ViT.Package.Tests;

/// <summary>What a command printed (standard output and error, interleaved as they came) and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, TimeSpan Duration);

/// <summary>
/// Runs the .NET CLI (or a published program) as a user's shell would: no MSBuild state inherited from the test run,
/// no build servers left behind, and a time limit after which the process tree is ended and the test fails.
/// </summary>
public static class DotnetCli
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public static CommandResult Dotnet(string folder, params string[] arguments) => Run("dotnet", folder, arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public static CommandResult Run(string program, string folder, params string[] arguments) =>
        Run(program, folder, new Dictionary<string, string>(), Limit, arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="environment"/> set on top of a user's shell's, within <paramref name="limit"/>.</summary>
    public static CommandResult Run(string program, string folder, IReadOnlyDictionary<string, string> environment, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` hands its MSBuild and NuGet settings to the test host; a user's shell has none of them.
        foreach (string name in start.Environment.Keys.Where(IsInheritedBuildState).ToList()) start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalMinutes} minutes:\n{output}");
        }
        process.WaitForExit(); // drains the redirected streams
        return new CommandResult(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    static bool IsInheritedBuildState(string name) =>
        name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("NUGET_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);
}
