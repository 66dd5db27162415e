using ViT.Samples;

return SampleProgram.CommandLine().Root.Parse(args).Invoke();
