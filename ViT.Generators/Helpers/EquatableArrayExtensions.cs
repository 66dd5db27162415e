using System;
using System.Collections.Generic;
using System.Linq;

namespace ViT.Generators.Helpers;

public static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToArray());
}
