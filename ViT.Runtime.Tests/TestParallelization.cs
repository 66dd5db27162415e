// Test classes run one after the other: TorchSharp's random generator is one for the process, so a class seeding it
// (torch.manual_seed, then a model's initial weights) while another draws from it would change both classes' weights,
// and the tests that compare two trainings (a resumed run against an uninterrupted one, the ONNX export against the
// weights it came from) would fail by chance. On the 2 cores the suite runs on, libtorch's own threads use them anyway.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
