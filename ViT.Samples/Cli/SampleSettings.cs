using ViT.Training;

namespace ViT.Samples.Cli;

/// <summary>What the command line asked for, after defaults: one run of the tutorial.</summary>
/// <param name="Models">Which models to train, in order: <c>tutorial</c>, <c>timm</c>.</param>
/// <param name="Epochs">Training epochs per model (the tutorial's recipe: 5).</param>
/// <param name="BatchSize">Images per step (the tutorial's recipe: 64).</param>
/// <param name="LearningRate">Adam's learning rate (the tutorial's recipe: 3e-4).</param>
/// <param name="Schedule">How the rate moves over the run (the tutorial's recipe: constant).</param>
/// <param name="Limit">Train on the first N training images only; null for all 60,000.</param>
/// <param name="MaxImagePixels">An image folder's largest picture in pixels (<see cref="ViT.Data.ImageFolderOptions.MaxImagePixels"/>).</param>
/// <param name="DataDirectory">The folder with the MNIST IDX files.</param>
/// <param name="OutputDirectory">Where pictures, metrics, checkpoints and weights go.</param>
/// <param name="Device">"cpu", "cuda", or null to choose CUDA when available.</param>
/// <param name="Seed">Seeds weights, shuffling and dropout.</param>
/// <param name="Resume">Continue from the last checkpoint in the output folder.</param>
/// <param name="ResumeFrom">Continue the one chosen model from this checkpoint; null when not asked.</param>
/// <param name="Precision">The precision every model computes in; null for each model's own <c>[Precision]</c>.</param>
public sealed record SampleSettings(
    IReadOnlyList<string> Models,
    int Epochs,
    int BatchSize,
    double LearningRate,
    LearningRateSchedule Schedule,
    int? Limit,
    long MaxImagePixels,
    string DataDirectory,
    string OutputDirectory,
    string? Device,
    int Seed,
    bool Resume,
    string? ResumeFrom = null,
    Precision? Precision = null);
