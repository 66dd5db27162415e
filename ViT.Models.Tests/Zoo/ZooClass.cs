using TorchSharp;
using static TorchSharp.torch;

namespace ViT.Models.Tests.Zoo;

/// <summary>A ViT.Models class: its name (the fixture's), a constructor, and what its generator computed at compile time.</summary>
public sealed record ZooClass(string Name, Func<nn.Module<Tensor, Tensor>> Create, long ParameterCount, long ForwardFlops)
{
    /// <summary>The zoo, in the order of <see cref="ZooFixture.Models"/>.</summary>
    public static readonly IReadOnlyList<ZooClass> All =
    [
        new(nameof(ResNet18), () => new ResNet18(), ResNet18.ParameterCount, ResNet18.ModelSummary.ForwardFlops),
        new(nameof(ResNet50), () => new ResNet50(), ResNet50.ParameterCount, ResNet50.ModelSummary.ForwardFlops),
        new(nameof(MobileNetV2), () => new MobileNetV2(), MobileNetV2.ParameterCount, MobileNetV2.ModelSummary.ForwardFlops),
        new(nameof(MobileNetV3Small), () => new MobileNetV3Small(), MobileNetV3Small.ParameterCount, MobileNetV3Small.ModelSummary.ForwardFlops),
        new(nameof(EfficientNetB0), () => new EfficientNetB0(), EfficientNetB0.ParameterCount, EfficientNetB0.ModelSummary.ForwardFlops),
        new(nameof(ConvNeXtTiny), () => new ConvNeXtTiny(), ConvNeXtTiny.ParameterCount, ConvNeXtTiny.ModelSummary.ForwardFlops),
        new(nameof(DenseNet121), () => new DenseNet121(), DenseNet121.ParameterCount, DenseNet121.ModelSummary.ForwardFlops),
        new(nameof(RegNetX400MF), () => new RegNetX400MF(), RegNetX400MF.ParameterCount, RegNetX400MF.ModelSummary.ForwardFlops),
        new(nameof(Vgg11BN), () => new Vgg11BN(), Vgg11BN.ParameterCount, Vgg11BN.ModelSummary.ForwardFlops),
        new(nameof(VitTinyPatch16), () => new VitTinyPatch16(), VitTinyPatch16.ParameterCount, VitTinyPatch16.ModelSummary.ForwardFlops),
        new(nameof(VitSmallPatch16), () => new VitSmallPatch16(), VitSmallPatch16.ParameterCount, VitSmallPatch16.ModelSummary.ForwardFlops),
        new(nameof(VitBasePatch16), () => new VitBasePatch16(), VitBasePatch16.ParameterCount, VitBasePatch16.ModelSummary.ForwardFlops),
        new(nameof(DeitTinyDistilledPatch16), () => new DeitTinyDistilledPatch16(), DeitTinyDistilledPatch16.ParameterCount, DeitTinyDistilledPatch16.ModelSummary.ForwardFlops),
        new(nameof(VitBasePatch16Reg4Gap), () => new VitBasePatch16Reg4Gap(), VitBasePatch16Reg4Gap.ParameterCount, VitBasePatch16Reg4Gap.ModelSummary.ForwardFlops),
    ];

    /// <summary>The zoo class named <paramref name="name"/>.</summary>
    public static ZooClass Named(string name) => All.Single(zoo => zoo.Name == name);
}
