using ViT.Samples;

return SampleProgram.CommandLine().Invoke(args);
