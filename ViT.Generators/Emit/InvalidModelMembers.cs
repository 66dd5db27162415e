using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Helpers;
using ViT.Generators.Parsing;
using ViT.Generators.Specs;
using ViT.Generators.Shapes;
using static ViT.Generators.Emit.TorchNames;

namespace ViT.Generators.Emit;

/// <summary>
/// The public surface of a model that has errors: the base class, <c>IGeneratedModel</c>, the constructor and the
/// members every model has. Code that uses the model then compiles, so the VIT error at the attribute is the only
/// error the build shows (without them each use is a CS0117 or CS1503 of its own). Each member throws, naming the
/// errors, should the program run anyway (with the errors' severity lowered in .editorconfig).
/// </summary>
internal static class InvalidModelMembers
{
    /// <summary>Errors of the declaration itself, where these members would clash with what the user wrote (a base class, a constructor, a member of the same name).</summary>
    static readonly string[] DeclarationErrors = { DiagnosticIds.BaseClassDeclared, DiagnosticIds.ConstructorDeclared, DiagnosticIds.MemberClash };

    /// <summary>Whether the members can be added to the class without a C# error of their own.</summary>
    public static bool CanWrite(IEnumerable<ShapeViolation> errors) => !errors.Any(e => DeclarationErrors.Contains(e.Id));

    /// <summary>Writes the class with the members; each throws an <c>InvalidOperationException</c> listing <paramref name="errors"/>.</summary>
    public static void Write(CodeWriter o, ModelSpec spec, IReadOnlyList<ShapeViolation> errors)
    {
        string className = Identifier.Escape(spec.ClassName);
        string reason = $"{spec.ClassName} has {(errors.Count == 1 ? "an error" : "errors")} and was not built: " + string.Join(" ", errors.Select(e => $"{e.Id}: {e.Message}."));
        string fail = $"throw new global::System.InvalidOperationException({Fmt.Str(reason)})";
        const string unknown = "Not known: the model has errors (see the class's summary); throws.";

        o.Line($"[global::System.CodeDom.Compiler.GeneratedCode({Fmt.Str(ModelEmitter.GeneratorName)}, {Fmt.Str(ModelEmitter.GeneratorVersion)})]");
        o.Open($"partial class {className} : {Module}, global::ViT.IGeneratedModel");
        o.Line($"/// <summary>{unknown}</summary>");
        o.Line($"public static long ParameterCount => {fail};");
        o.Line($"/// <summary>{unknown}</summary>");
        o.Line($"public static global::System.Collections.Generic.IReadOnlyList<long> InputShape => {fail};");
        o.Line($"/// <summary>{unknown}</summary>");
        o.Line($"public static global::System.Collections.Generic.IReadOnlyList<long> OutputShape => {fail};");
        o.Line($"/// <summary>{unknown}</summary>");
        o.Line($"public static global::ViT.ModelSummary ModelSummary => {fail};");
        o.Line("/// <inheritdoc cref=\"ModelSummary\"/>");
        o.Line("public global::ViT.ModelSummary Summary => ModelSummary;");
        o.Line("/// <inheritdoc/>");
        o.Line($"public global::ViT.Precision Precision {{ get => {fail}; set => {fail}; }}");
        o.Line("/// <summary>Throws: the model has errors (see the class's summary).</summary>");
        o.Line($"public {className}() : base({Fmt.Str(spec.ClassName)}) => {fail};");
        o.Line("/// <summary>Throws: the model has errors (see the class's summary).</summary>");
        o.Line($"public override {Tensor} forward({Tensor} x) => {fail};");
        o.Line("/// <inheritdoc/>");
        o.Line($"public void ExportOnnx(string path) => {fail};");
        o.Line("/// <inheritdoc/>");
        o.Line($"public void ExportOnnx(global::System.IO.Stream stream) => {fail};");
        o.Line($"{OnnxCode.Signature} => {fail};");
        o.Line("/// <inheritdoc/>");
        o.Line($"public void ExportPyTorch(string path) => {fail};");
        o.Line($"string global::ViT.IGeneratedModel.PyTorchSource => {fail};");
        o.Close();
    }
}
