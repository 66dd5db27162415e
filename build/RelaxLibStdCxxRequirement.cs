// MSBuild inline task (see TorchSharpOnDebian.targets): marks one GLIBCXX version requirement of an
// ELF64 shared library weak when the system's libstdc++ does not define that version.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class RelaxLibStdCxxRequirement : Task
{
    const uint SectionTypeVersionNeeds = 0x6ffffffe; // SHT_GNU_verneed
    const ushort WeakVersionFlag = 0x2;              // VER_FLG_WEAK

    static readonly string[] LibStdCxxCandidates =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required] public string LibraryPath { get; set; } = "";
    [Required] public string VersionName { get; set; } = "";
    [Output] public string Outcome { get; set; } = "";

    public override bool Execute()
    {
        try
        {
            string? systemLibrary = Array.Find(LibStdCxxCandidates, File.Exists);
            if (systemLibrary is not null && Contains(File.ReadAllBytes(systemLibrary), VersionName + "\0"))
            {
                Outcome = $"{LibraryPath}: not needed, {systemLibrary} defines {VersionName}";
                return true;
            }
            Outcome = $"{LibraryPath}: {Relax(LibraryPath, VersionName)}";
        }
        catch (Exception e)
        {
            Log.LogWarning(
                subcategory: null, warningCode: "VITBUILD001", helpKeyword: null, file: LibraryPath,
                lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                message: $"Could not relax the {VersionName} requirement of {LibraryPath}: {e.Message}. " +
                         "TorchSharp will not load on this system until libstdc++ from GCC 13 or newer is installed. " +
                         "See docs/torchsharp-on-debian.md.");
        }
        return true;
    }

    static string Relax(string path, string versionName)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian 64-bit ELF file");

        long sectionTable = (long)U64(elf, 0x28);
        int sectionSize = U16(elf, 0x3a);
        int sectionCount = U16(elf, 0x3c);
        for (int s = 0; s < sectionCount; s++)
        {
            long header = sectionTable + (long)s * sectionSize;
            if (U32(elf, header + 4) != SectionTypeVersionNeeds) continue;

            long needs = (long)U64(elf, header + 0x18);
            long strings = (long)U64(elf, sectionTable + (long)U32(elf, header + 0x28) * sectionSize + 0x18);
            for (long need = needs; ; )
            {
                int auxCount = U16(elf, need + 2);
                long aux = need + U32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    if (ReadString(elf, strings + U32(elf, aux + 8)) == versionName)
                    {
                        ushort flags = U16(elf, aux + 4);
                        if ((flags & WeakVersionFlag) != 0) return $"{versionName} requirement already weak";
                        flags |= WeakVersionFlag;
                        elf[aux + 4] = (byte)flags;
                        elf[aux + 5] = (byte)(flags >> 8);
                        // Write a new file and move it over the old one, so that a hard link into
                        // the NuGet cache (if the copy made one) is broken rather than modified.
                        string temporary = path + ".vit-tmp";
                        File.WriteAllBytes(temporary, elf);
                        File.Replace(temporary, path, destinationBackupFileName: null);
                        return $"marked the {versionName} requirement weak (system libstdc++ lacks it)";
                    }
                    uint nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return $"no {versionName} requirement found, nothing to do";
    }

    static bool Contains(byte[] haystack, string needle)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(needle);
        for (int i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }

    static string ReadString(byte[] bytes, long offset)
    {
        int end = Array.IndexOf(bytes, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }

    static ushort U16(byte[] b, long o) => BitConverter.ToUInt16(b, (int)o);
    static uint U32(byte[] b, long o) => BitConverter.ToUInt32(b, (int)o);
    static ulong U64(byte[] b, long o) => BitConverter.ToUInt64(b, (int)o);
}
