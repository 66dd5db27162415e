using System.Globalization;
using BenchmarkDotNet.Running;
using ViT.Benchmarks;

if (args is ["overhead", ..])
{
    PairedOverhead.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
