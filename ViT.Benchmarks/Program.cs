using System.Globalization;
using BenchmarkDotNet.Running;
using ViT.Benchmarks;

if (args is ["overhead", ..])
{
    PairedOverhead.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
    return;
}

if (args is ["loader", ..])
{
    LoaderGain.Run(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "vit-mnist-folder"),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40);
    return;
}

if (args is ["onnx", ..])
{
    OnnxInferenceSpeed.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
