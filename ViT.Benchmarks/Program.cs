using BenchmarkDotNet.Running;
using ViT.Benchmarks.Cli;

if (args.Length > 0 && BenchmarkCommandLine.Commands.Contains(args[0]))
    return new BenchmarkCommandLine().Root.Parse(args).Invoke();

if (args is ["loader", ..])
{
    LoaderGain.Run(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "vit-mnist-folder"),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
