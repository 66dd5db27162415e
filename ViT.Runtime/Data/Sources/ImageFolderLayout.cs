namespace ViT.Data;

/// <summary>
/// Where an image folder's classes are: under <c>train/</c> with a test split beside it (<c>test/</c>, <c>val/</c> or
/// <c>validation/</c>, the first found, and said which), under <c>train/</c> alone (a share held out), or directly in the
/// folder. A <c>train/</c> that holds pictures itself, or that has sibling folders other than splits, is a class.
/// </summary>
internal sealed record ImageFolderLayout(string ClassesRoot, string? TestRoot, string Format)
{
    public static ImageFolderLayout Find(string root, TextWriter? log)
    {
        string train = Path.Combine(root, "train");
        if (!Directory.Exists(train)) return new ImageFolderLayout(root, null, "image folder");
        var tests = ImageFolder.TestSplitNames.Where(name => Directory.Exists(Path.Combine(root, name))).ToList();
        if (tests.Count > 0)
        {
            foreach (string unused in tests.Skip(1))
                log?.WriteLine($"Not using {Path.Combine(root, unused)}: {Path.Combine(root, tests[0])} is the test split.");
            return new ImageFolderLayout(train, Path.Combine(root, tests[0]), $"image folder (train/ and {tests[0]}/)");
        }
        bool onlySplit = ImageFolderWalker.ClassFolderNames(root, log: null).SequenceEqual(["train"]);
        bool holdsClasses = ImageFolderWalker.ClassFolderNames(train, log: null).Count > 0;
        return onlySplit && holdsClasses
            ? new ImageFolderLayout(train, null, "image folder (train/ without test/, val/ or validation/)")
            : new ImageFolderLayout(root, null, "image folder");
    }
}
