// A ViT# model exported to ONNX, run by onnxruntime-web. Everything the page needs is in the file: the input's size and
// channels and the pixel scale (metadata vit_sharp.preprocessing), the class names (vit_sharp.classes); the training's
// normalisation is the graph's own first nodes. Pictures become input exactly as ViT# decodes them in C#.
import * as ort from './node_modules/onnxruntime-web/dist/ort.wasm.min.mjs';

ort.env.wasm.numThreads = 1; // threads need a cross-origin-isolated page; one is plenty for a small model

const LUMA = [Math.fround(0.299), Math.fround(0.587), Math.fround(0.114)];

/** The metadata_props of an ONNX ModelProto (field 14): protobuf.js skips every other field, the weights included. */
export function readMetadata(bytes) {
  const { Type, Field } = globalThis.protobuf;
  const entry = new Type('StringStringEntryProto').add(new Field('key', 1, 'string')).add(new Field('value', 2, 'string'));
  const model = new Type('ModelProto').add(new Field('metadataProps', 14, 'StringStringEntryProto', 'repeated')).add(entry);
  return Object.fromEntries(model.decode(bytes).metadataProps.map((p) => [p.key, p.value]));
}

/** Rounds half to even, as .NET's Math.Round does. */
function roundHalfEven(x) {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

export class Classifier {
  constructor(session, metadata) {
    this.session = session;
    const pre = JSON.parse(metadata['vit_sharp.preprocessing'] ?? 'null');
    if (!pre) throw new Error('the file has no vit_sharp.preprocessing metadata: export it with ViT# (model.ExportOnnx).');
    this.channels = pre.channels;
    this.height = pre.height;
    this.width = pre.width;
    this.pixelScale = pre.pixel_scale;
    this.modelName = metadata['vit_sharp.model'] ?? 'model';
    const names = metadata['vit_sharp.classes'];
    this.classNames = names ? JSON.parse(names) : null;
  }

  /** Loads the .onnx file at url. */
  static async load(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    return new Classifier(session, readMetadata(bytes));
  }

  /** RGBA pixels of the input's size to planar [C, H, W] floats: R, G, B, or the ITU-R 601 luma rounded to a byte. */
  toInput(rgba) {
    const pixels = this.height * this.width;
    const input = new Float32Array(this.channels * pixels);
    for (let p = 0; p < pixels; p++) {
      const r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
      if (this.channels === 1) {
        const luma = Math.fround(Math.fround(Math.fround(LUMA[0] * r) + Math.fround(LUMA[1] * g)) + Math.fround(LUMA[2] * b));
        input[p] = roundHalfEven(luma) * this.pixelScale;
      } else {
        input[p] = r * this.pixelScale;
        input[pixels + p] = g * this.pixelScale;
        input[2 * pixels + p] = b * this.pixelScale;
      }
    }
    return input;
  }

  /** The top classes of one picture given as RGBA pixels of the input's size: [{ index, name, probability }], most likely first. */
  async classify(rgba, top = 3) {
    const input = new ort.Tensor('float32', this.toInput(rgba), [1, this.channels, this.height, this.width]);
    const outputs = await this.session.run({ [this.session.inputNames[0]]: input });
    const logits = Array.from(outputs[this.session.outputNames[0]].data);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps
      .map((e, index) => ({ index, name: this.classNames ? this.classNames[index] : String(index), probability: Math.fround(e / sum) }))
      .sort((a, b) => b.probability - a.probability || a.index - b.index)
      .slice(0, top);
  }
}
