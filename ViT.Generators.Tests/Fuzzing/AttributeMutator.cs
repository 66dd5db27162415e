namespace ViT.Generators.Tests.Fuzzing;

/// <summary>
/// Breaks a model's attribute list the ways users do: a hostile value in place of a sane one, a missing, unknown,
/// duplicated or mis-written argument, attributes swapped, dropped, repeated or inserted anywhere, a second
/// <c>[Input]</c>, a composition with any model of the case (itself included: cycles).
/// </summary>
internal static class AttributeMutator
{
    public static void Mutate(Random random, List<AttributeDraft> layers, IReadOnlyList<string> models)
    {
        int at = layers.Count == 0 ? 0 : random.Next(layers.Count);
        switch (random.Next(12))
        {
            case 0 or 1 or 2 when layers.Count > 0 && layers[at].Arguments.Count > 0:
            {
                var arguments = layers[at].Arguments.ToList();
                int k = random.Next(arguments.Count);
                var parameter = new ParameterDraft(arguments[k].Name ?? "value", arguments[k].Kind, EnumType: arguments[k].EnumType);
                arguments[k] = arguments[k] with { Value = AttributeCatalog.Value(random, parameter, models).Value };
                layers[at] = layers[at] with { Arguments = arguments };
                break;
            }

            case 3 when layers.Count > 0 && layers[at].Arguments.Count > 0:
            {
                var arguments = layers[at].Arguments.ToList();
                arguments.RemoveAt(random.Next(arguments.Count));
                layers[at] = layers[at] with { Arguments = arguments };
                break;
            }

            case 4 when layers.Count > 0:
            {
                var extra = random.Next(4) switch
                {
                    0 => new ArgumentDraft("1", ArgumentKind.Int, "Unknown", true),
                    1 => new ArgumentDraft("true", ArgumentKind.Bool, "Bias", false), // a property written as a named parameter
                    2 => new ArgumentDraft("2", ArgumentKind.Int), // one positional argument too many
                    _ => layers[at].Arguments.Count > 0 ? layers[at].Arguments[^1] : new ArgumentDraft("0", ArgumentKind.Int),
                };
                layers[at] = layers[at] with { Arguments = layers[at].Arguments.Append(extra).ToList(), HasArgumentList = true };
                break;
            }

            case 5 when layers.Count > 1:
            {
                int other = random.Next(layers.Count);
                (layers[at], layers[other]) = (layers[other], layers[at]);
                break;
            }

            case 6 when layers.Count > 0:
                layers.RemoveAt(at);
                break;
            case 7 when layers.Count > 0:
                layers.Insert(random.Next(layers.Count + 1), layers[at]);
                break;
            case 8 when models.Count > 0:
            {
                string kind = random.Next(2) == 0 ? "Layer" : "Residual";
                layers.Insert(random.Next(layers.Count + 1), AttributeDraft.Of(kind, ArgumentDraft.Type(models[random.Next(models.Count)])));
                break;
            }

            case 9 when layers.Count > 0:
                layers[at] = layers[at] with { Arguments = Array.Empty<ArgumentDraft>(), HasArgumentList = random.Next(2) == 0 };
                break;
            default:
                layers.Insert(random.Next(layers.Count + 1), AttributeCatalog.Random(random, models));
                break;
        }
    }
}
