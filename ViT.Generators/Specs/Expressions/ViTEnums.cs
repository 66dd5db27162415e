using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ViT.Generators.Shared;

namespace ViT.Generators.Specs.Expressions;

/// <summary>ViT's enums by name: for <c>Activation.ReLU6</c> in a block's expressions, and to show a constant of such a type by its member's name.</summary>
public static class ViTEnums
{
    static readonly Dictionary<string, Type> ByName = new[] { typeof(Activation), typeof(AttentionKind), typeof(FinalNorm), typeof(Initialization), typeof(Pooling), typeof(Precision) }
        .ToDictionary(t => t.Name);

    /// <summary>The number of <c>type.member</c>, or null when <paramref name="type"/> is not one of ViT's enums or has no such member.</summary>
    public static long? Member(string type, string member) =>
        ByName.TryGetValue(type, out var @enum) && Enum.GetNames(@enum).Contains(member)
            ? Convert.ToInt64(Enum.Parse(@enum, member), CultureInfo.InvariantCulture)
            : null;

    /// <summary><c>Activation.SiLU</c> for the number 2 of type <c>Activation</c>; any other value as <see cref="Values.Format"/> writes it.</summary>
    public static string Format(object? value, string type) =>
        value is long number && ByName.TryGetValue(type, out var @enum) && Enum.IsDefined(@enum, (int)number)
            ? type + "." + Enum.GetName(@enum, (int)number)
            : Values.Format(value);
}
