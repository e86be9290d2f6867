/**
 * Microphone capture: getUserMedia → AudioWorklet (public/audio/capture-worklet.js) → 16 kHz mono Int16 frames of
 * 100 ms with an RMS level. Injected into the recorder store so tests can replace the browser audio stack.
 */
export interface InputDevice {
  id: string;
  label: string;
}

export interface CaptureHandle {
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface CaptureBackend {
  listDevices(): Promise<InputDevice[]>;
  open(deviceId: string | null, onFrame: (pcm: Int16Array, rms: number) => void): Promise<CaptureHandle>;
}

export const browserCapture: CaptureBackend = {
  async listDevices() {
    if (!navigator.mediaDevices?.enumerateDevices) return [];
    const all = await navigator.mediaDevices.enumerateDevices();
    return all
      .filter((d) => d.kind === 'audioinput')
      .map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
  },
  async open(deviceId, onFrame) {
    if (!navigator.mediaDevices?.getUserMedia) throw new CaptureError('no-api');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
          channelCount: 1,
          echoCancellation: true,
          noiseSuppression: true,
          autoGainControl: true,
        },
      });
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      throw new CaptureError(name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' ? 'no-device' : 'failed');
    }
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    await ctx.audioWorklet.addModule(new URL('audio/capture-worklet.js', document.baseURI).href);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'bedside-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    node.port.onmessage = (e: MessageEvent<{ pcm: ArrayBuffer; rms: number }>) =>
      onFrame(new Int16Array(e.data.pcm), e.data.rms);
    source.connect(node);
    return {
      pause: () => ctx.suspend(),
      resume: () => ctx.resume(),
      async stop() {
        node.port.onmessage = null;
        source.disconnect();
        for (const t of stream.getTracks()) t.stop();
        await ctx.close();
      },
    };
  },
};

export class CaptureError extends Error {
  constructor(readonly reason: 'denied' | 'no-device' | 'no-api' | 'failed') {
    super(
      reason === 'denied'
        ? 'Bedside is not allowed to use the microphone. Allow microphone access in your system settings, then try again.'
        : reason === 'no-device'
          ? 'No microphone was found. Plug one in or choose another input device.'
          : reason === 'no-api'
            ? 'This window cannot record audio. Paste a transcript instead.'
            : 'The microphone could not be started. Choose another input device or try again.',
    );
    this.name = 'CaptureError';
  }
}

/** Base64 of the little-endian bytes of Int16 samples (the wire format of transcribe.live.push). */
export function pcmToBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
