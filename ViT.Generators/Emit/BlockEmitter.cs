using System.Linq;
using ViT.Generators.Helpers;
using ViT.Generators.Shapes;
using ViT.Generators.Specs;
using ViT.Generators.Specs.Expressions;

namespace ViT.Generators.Emit;

/// <summary>
/// Writes the other half of a <c>[Block]</c> class: no module (each model that uses the block writes it for what arrives
/// there), but a doc comment that says so and names its constants, the <c>IGeneratedBlock</c> marker, and the
/// <see cref="Records"/> that let another project's generator read a compiled block again.
/// </summary>
public static class BlockEmitter
{
    public static string Emit(ModelSpec spec, ShapeTrace trace)
    {
        var o = new CodeWriter();
        ModelEmitter.OpenFile(o, spec);
        string constants = spec.Parameters.Count == 0 ? "no constants" : "constants " + string.Join(", ", spec.Parameters.Select(p => $"{p.Name} = {ViTEnums.Format(p.Default, p.Type)}"));
        o.Line("/// <summary>");
        o.Line($"/// ViT# block <c>{Fmt.Xml(spec.ClassName)}</c>: {spec.Layers.Count} layer attributes that fit the shape arriving where it is used, checked there; {Fmt.Xml(constants)}, which each use may give other values.");
        o.Line("/// </summary>");
        Records(o, spec);
        o.Line($"[global::System.CodeDom.Compiler.GeneratedCode({Fmt.Str(ModelEmitter.GeneratorName)}, {Fmt.Str(ModelEmitter.GeneratorVersion)})]");
        o.Line($"partial class {Identifier.Escape(spec.ClassName)} : global::ViT.IGeneratedBlock");
        o.Line("{");
        o.Line("}");
        foreach (var _ in spec.ContainingTypes) o.Close();
        return o.ToString();
    }

    /// <summary>
    /// One <c>[ArgumentExpression]</c> per argument that depends on the class's constants or on <c>In</c>: compiled
    /// metadata keeps only its value with the declared constants, so a project that uses the class from a package reads
    /// the expression from here.
    /// </summary>
    public static void Records(CodeWriter o, ModelSpec spec)
    {
        for (int layer = 0; layer < spec.Layers.Count; layer++)
        {
            foreach (var argument in spec.Layers[layer].Arguments.Where(a => a.Value is not (ConstantExpr or InvalidExpr or ArgumentListExpr)))
            {
                o.Line($"[global::ViT.ArgumentExpression({Fmt.I(layer)}, {Fmt.Str(argument.Name)}, {Fmt.Str(argument.Value.Text)})]");
            }
        }
    }
}
