// The page: a drawing pad, the model's top 3 after every stroke, and window.vit for scripts and tests.
import { Classifier } from './classifier.js';

const pad = document.getElementById('pad');
const pen = pad.getContext('2d', { willReadFrequently: true });
const status = document.getElementById('status');
const list = document.getElementById('top');

function clear() {
  pen.fillStyle = '#000';
  pen.fillRect(0, 0, pad.width, pad.height);
  list.replaceChildren();
}

function show(scores) {
  list.replaceChildren(...scores.map((s) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = s.name;
    const probability = document.createElement('span');
    probability.className = 'probability';
    probability.textContent = `${(100 * s.probability).toFixed(1)} %`;
    item.append(name, probability);
    return item;
  }));
}

/** RGBA pixels of a drawable (picture or canvas) at the model's size, stretched to it as ViT# stretches pictures. */
function pixels(classifier, source, width, height) {
  const canvas = new OffscreenCanvas(classifier.width, classifier.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height, 0, 0, classifier.width, classifier.height);
  return context.getImageData(0, 0, classifier.width, classifier.height).data;
}

/**
 * The drawing framed as MNIST frames its digits: the strokes' bounding box scaled into a 20 x 20 square (for a 28 x 28
 * input) and centred by its centre of mass, on black.
 */
function framedDrawing(classifier) {
  const { data } = pen.getImageData(0, 0, pad.width, pad.height);
  let left = pad.width, right = -1, topRow = pad.height, bottom = -1;
  for (let y = 0; y < pad.height; y++) {
    for (let x = 0; x < pad.width; x++) {
      if (data[4 * (y * pad.width + x)] > 0) {
        left = Math.min(left, x); right = Math.max(right, x); topRow = Math.min(topRow, y); bottom = Math.max(bottom, y);
      }
    }
  }
  if (right < 0) return null;
  const box = Math.max(right - left + 1, bottom - topRow + 1);
  const inner = (20 / 28) * Math.min(classifier.width, classifier.height);
  const scale = inner / box;
  const w = (right - left + 1) * scale, h = (bottom - topRow + 1) * scale;
  const canvas = new OffscreenCanvas(classifier.width, classifier.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.fillStyle = '#000';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingQuality = 'high';
  context.drawImage(pad, left, topRow, right - left + 1, bottom - topRow + 1, 0, 0, w, h);
  // Centre of mass of the scaled strokes, moved to the centre of the input.
  const scaled = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let mass = 0, cx = 0, cy = 0;
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const v = scaled[4 * (y * canvas.width + x)];
      mass += v; cx += v * x; cy += v * y;
    }
  }
  const framed = new OffscreenCanvas(classifier.width, classifier.height);
  const out = framed.getContext('2d', { willReadFrequently: true });
  out.fillStyle = '#000';
  out.fillRect(0, 0, framed.width, framed.height);
  out.drawImage(canvas, Math.round(framed.width / 2 - cx / mass), Math.round(framed.height / 2 - cy / mass));
  return out.getImageData(0, 0, framed.width, framed.height).data;
}

async function start() {
  const model = new URLSearchParams(location.search).get('model') ?? 'model.onnx';
  const classifier = await Classifier.load(model);
  status.textContent = `${classifier.modelName}: ${classifier.channels} × ${classifier.height} × ${classifier.width} in, `
    + `${classifier.classNames?.length ?? '?'} classes out (${model}).`;
  clear();

  let drawing = false;
  const at = (event) => {
    const box = pad.getBoundingClientRect();
    return [(event.clientX - box.left) * (pad.width / box.width), (event.clientY - box.top) * (pad.height / box.height)];
  };
  pad.addEventListener('pointerdown', (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    pen.beginPath();
    pen.moveTo(...at(event));
  });
  pad.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    pen.strokeStyle = '#fff';
    pen.lineWidth = 22;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.lineTo(...at(event));
    pen.stroke();
  });
  pad.addEventListener('pointerup', async () => {
    drawing = false;
    const framed = framedDrawing(classifier);
    if (framed) show(await classifier.classify(framed, 3));
  });
  document.getElementById('clear').addEventListener('click', clear);

  return {
    classifier,
    /** The top classes of the picture at url, stretched to the model's input (not framed as drawings are). */
    async classifyUrl(url, top = 3) {
      const picture = new Image();
      picture.src = url;
      await picture.decode();
      return classifier.classify(pixels(classifier, picture, picture.naturalWidth, picture.naturalHeight), top);
    },
    /** The class names the list shows now, most likely first. */
    shown: () => [...list.querySelectorAll('.name')].map((name) => name.textContent),
  };
}

window.vit = start().catch((error) => {
  status.textContent = `The model could not be loaded: ${error.message}`;
  throw error;
});
