using System;

namespace ViT.Generators.Specs.Expressions;

/// <summary>Why an argument has no value at a use; caught where the layer is read, and reported as a diagnostic.</summary>
public sealed class EvaluationException(string message) : Exception(message);
