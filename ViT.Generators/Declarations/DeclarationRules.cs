using System;
using System.Collections.Generic;
using System.Linq;
using ViT.Generators.Diagnostics;
using ViT.Generators.Shapes;
using ViT.Generators.Shared;
using ViT.Generators.Specs;

namespace ViT.Generators.Declarations;

/// <summary>
/// The rules for how a model or block class is declared (partial, a class, no base class, no parameterless
/// constructor, no member named like a generated one), judged on the plain <see cref="ModelDeclaration"/> the
/// <see cref="DeclarationReader"/> read. The one home of these rules and of the generated members' names.
/// </summary>
public static class DeclarationRules
{
    /// <summary>The members every generated model declares; a user member of the same name would clash.</summary>
    public static readonly string[] GeneratedMembers = { "forward", "ParameterCount", "InputShape", "OutputShape", "ModelSummary", "Summary", "ExportOnnx", "ExportPyTorch", "Precision" };

    /// <summary>The broken rules, each at the class (attribute index -1), at its member, or at the option's attribute.</summary>
    public static List<ShapeViolation> Check(ModelSpec spec)
    {
        var violations = new List<ShapeViolation>();
        var declaration = spec.Declaration;
        if (declaration.IsCompiled) return violations;
        void Add(string id, string message, int attribute = -1, string? argument = null, string? member = null) => violations.Add(new(id, attribute, argument, message) { Member = member });

        string kind = spec.IsBlock ? "block" : "model";
        if (declaration.IsRecord) Add(DiagnosticIds.UnsupportedDeclaration, $"The {kind} {spec.ClassName} is a record; declare it as a partial class (ViT# generates a TorchSharp module, which is a class)");
        else if (!declaration.IsPartial) Add(DiagnosticIds.ModelNotPartial, $"The {kind} class {spec.ClassName} must be declared partial so ViT# can generate the rest of it");
        if (declaration.Problem is { } problem) Add(DiagnosticIds.UnsupportedDeclaration, problem);
        if (declaration.DeclaresBaseClass) Add(DiagnosticIds.BaseClassDeclared, $"The {kind} class {spec.ClassName} must not declare a base class; ViT# makes it a TorchSharp Module<Tensor, Tensor> (remove the base class)");
        if (declaration.ConstructorProblem is { } constructor) Add(DiagnosticIds.ConstructorDeclared, constructor);
        if (!Enum.IsDefined(typeof(Initialization), spec.Initialization)) Add(DiagnosticIds.UnknownOption, $"Initialization {(int)spec.Initialization} is not a defined scheme; use Initialization.TruncatedNormal or Initialization.PyTorchDefault", spec.InitializeAttribute, "scheme");
        if (!Enum.IsDefined(typeof(Precision), spec.Precision)) Add(DiagnosticIds.UnknownOption, $"Precision {(int)spec.Precision} is not a defined precision; use Precision.Float32 or Precision.BFloat16", spec.PrecisionAttribute, "precision");
        foreach (string member in GeneratedMembers.Where(declaration.MemberNames.Contains))
        {
            Add(DiagnosticIds.MemberClash, $"The member {member} of {spec.ClassName} clashes with the {member} that ViT# generates for every model; rename or remove it", member: member);
        }

        if (GeneratedMembers.Contains(spec.ClassName))
        {
            Add(DiagnosticIds.MemberClash, $"The model class is named {spec.ClassName}, like the member ViT# generates for every model, and a member cannot have the name of its class; rename the class");
        }

        foreach (string ns in declaration.ShadowedNamespaces)
        {
            Add(DiagnosticIds.MemberClash, $"The type {ns} in the global namespace hides the namespace {ns} that the code ViT# generates for {spec.ClassName} names (global::{ns}); rename that type or move it into a namespace");
        }

        return violations;
    }
}
