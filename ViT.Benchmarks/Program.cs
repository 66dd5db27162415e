using BenchmarkDotNet.Running;
using ViT.Benchmarks.Cli;

if (args.Length > 0 && BenchmarkCommandLine.Commands.Contains(args[0]))
    return new BenchmarkCommandLine().Root.Parse(args).Invoke();

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
