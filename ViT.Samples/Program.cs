using ViT.Data;
using ViT.Imaging;

// The tutorial, step 1: the data. Loads MNIST, shows the shapes, and draws the first 64 training images.
string outputFolder = Path.GetFullPath(args.Length > 0 ? args[0] : "out");
Directory.CreateDirectory(outputFolder);

using var mnist = Mnist.Load();
Console.WriteLine($"MNIST train: images [{string.Join(", ", mnist.Train.Images.shape)}] {mnist.Train.Images.dtype}, labels [{string.Join(", ", mnist.Train.Labels.shape)}] {mnist.Train.Labels.dtype}");
Console.WriteLine($"MNIST test:  images [{string.Join(", ", mnist.Test.Images.shape)}] {mnist.Test.Images.dtype}, labels [{string.Join(", ", mnist.Test.Labels.shape)}] {mnist.Test.Labels.dtype}");

var (images, labels) = mnist.Train.Batches(batchSize: 64, shuffle: true, seed: 42).First();
Console.WriteLine($"One training batch: images [{string.Join(", ", images.shape)}], labels [{string.Join(", ", labels.shape)}]");

string samplesPath = Path.Combine(outputFolder, "samples.png");
string[] titles = labels.data<long>().ToArray().Select(label => label.ToString()).ToArray();
ImageGrid.Draw(images, titles).SavePng(samplesPath);
Console.WriteLine($"Wrote {samplesPath}");
