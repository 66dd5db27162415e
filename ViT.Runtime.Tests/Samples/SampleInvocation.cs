using System.CommandLine;
using ViT.Samples;

namespace ViT.Runtime.Tests.Samples;

/// <summary>Runs the sample's own command-line wiring in-process, capturing what it writes to standard error.</summary>
static class SampleInvocation
{
    public static (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exitCode = SampleProgram.CommandLine().Invoke(args, new InvocationConfiguration { Error = error });
        return (exitCode, error.ToString());
    }
}
