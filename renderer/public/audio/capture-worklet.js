/* global AudioWorkletProcessor, sampleRate, registerProcessor */
/**
 * AudioWorklet processor: mono capture resampled to 16 kHz, posted as Int16 frames of 100 ms with an RMS level.
 * Loaded from our own origin (CSP script-src 'self'); it never sees anything but audio samples.
 */
const TARGET_RATE = 16000;
const FRAME = 1600; // 100 ms at 16 kHz

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / TARGET_RATE; // input samples per output sample
    this.pos = 0; // fractional read position into the incoming stream
    this.prev = 0;
    this.frame = new Int16Array(FRAME);
    this.n = 0;
    this.sumSq = 0;
  }

  process(inputs) {
    const input = inputs[0];
    const ch = input && input[0];
    if (!ch || ch.length === 0) return true;
    // Linear-interpolating resampler. Positions are relative to this block; -1 is the previous block's last sample.
    let pos = this.pos;
    const last = ch.length - 1;
    while (pos < last) {
      const i = Math.floor(pos);
      const frac = pos - i;
      const a = i < 0 ? this.prev : ch[i];
      const b = ch[i + 1];
      const s = Math.max(-1, Math.min(1, a + (b - a) * frac));
      this.sumSq += s * s;
      this.frame[this.n++] = s < 0 ? s * 0x8000 : s * 0x7fff;
      if (this.n === FRAME) {
        const rms = Math.sqrt(this.sumSq / FRAME);
        this.port.postMessage({ pcm: this.frame.buffer, rms }, [this.frame.buffer]);
        this.frame = new Int16Array(FRAME);
        this.n = 0;
        this.sumSq = 0;
      }
      pos += this.ratio;
    }
    this.pos = pos - ch.length;
    this.prev = ch[last];
    return true;
  }
}

registerProcessor('bedside-capture', CaptureProcessor);
