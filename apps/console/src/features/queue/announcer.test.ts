/// <reference types="node" />
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { createAnnouncer } from './announcer.ts';

/*
 * The browser's speech synthesis and Web Audio are replaced by small stand-ins that record what they are
 * asked to do; the clock is node's mock timers, so nothing here waits for real time.
 */

interface FakeVoice {
  name: string;
  lang: string;
  localService: boolean;
}

class FakeUtterance {
  readonly text: string;
  lang = '';
  rate = 1;
  voice: FakeVoice | null = null;
  private readonly listeners = new Map<string, () => void>();

  constructor(text: string) {
    this.text = text;
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, listener);
  }

  /** The browser reports the sentence's end (or an error). */
  fire(type: 'end' | 'error'): void {
    this.listeners.get(type)?.();
  }
}

class FakeSynth {
  voices: FakeVoice[] = [];
  readonly spoken: FakeUtterance[] = [];
  cancelled = 0;
  private voicesChanged: (() => void) | null = null;

  getVoices(): FakeVoice[] {
    return this.voices;
  }

  speak(utterance: FakeUtterance): void {
    this.spoken.push(utterance);
  }

  cancel(): void {
    this.cancelled += 1;
  }

  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.voicesChanged = listener;
  }

  removeEventListener(_type: 'voiceschanged', listener: () => void): void {
    if (this.voicesChanged === listener) this.voicesChanged = null;
  }

  /** Chrome loads its voices after the page: the list changes and the event fires. */
  loadVoices(voices: FakeVoice[]): void {
    this.voices = voices;
    this.voicesChanged?.();
  }

  get listening(): boolean {
    return this.voicesChanged !== null;
  }
}

/** Every tone the chime plays, as [frequency, start time]. */
const tones: [number, number][] = [];
let audioState: 'suspended' | 'running' | 'closed' = 'suspended';

class FakeAudioContext {
  readonly currentTime = 2;
  readonly destination = {};

  get state() {
    return audioState;
  }

  async resume(): Promise<void> {
    audioState = 'running';
  }

  async close(): Promise<void> {
    audioState = 'closed';
  }

  createGain() {
    const param = { setValueAtTime() {}, exponentialRampToValueAtTime() {} };
    return { gain: param, connect: (node: object) => node };
  }

  createOscillator() {
    const osc = {
      type: '',
      frequency: { value: 0 },
      connect: <T>(node: T) => node,
      start: (at: number) => tones.push([osc.frequency.value, at]),
      stop() {},
    };
    return osc;
  }
}

const VI_LOCAL: FakeVoice = { name: 'Linh (máy)', lang: 'vi-VN', localService: true };
const VI_REMOTE: FakeVoice = { name: 'Google Tiếng Việt', lang: 'vi_VN', localService: false };
const EN: FakeVoice = { name: 'Samantha', lang: 'en-US', localService: true };

let synth: FakeSynth;

function install(options: { speech?: boolean; audio?: boolean } = {}): void {
  synth = new FakeSynth();
  const win: Record<string, unknown> = {};
  if (options.speech !== false) win.speechSynthesis = synth;
  if (options.audio !== false) win.AudioContext = FakeAudioContext;
  Object.assign(globalThis, {
    window: win,
    SpeechSynthesisUtterance: options.speech === false ? undefined : FakeUtterance,
  });
}

/** Lets pending promise callbacks run (setImmediate is not one of the mocked timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function spokenTexts(): string[] {
  return synth.spoken.map((u) => u.text);
}

/** The last sentence handed to the synthesiser. */
function current(): FakeUtterance {
  const last = synth.spoken.at(-1);
  assert.ok(last, 'a sentence is being spoken');
  return last;
}

beforeEach(() => {
  tones.length = 0;
  audioState = 'suspended';
  mock.timers.enable({ apis: ['setTimeout'] });
});

afterEach(() => {
  mock.timers.reset();
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'SpeechSynthesisUtterance');
});

describe('board announcer', () => {
  test('stays silent until enabled: calls made before are not read out later', async () => {
    install();
    const announcer = createAnnouncer();
    announcer.say('Mời số A001 đến quầy 1');
    assert.equal(announcer.enabled, false);
    mock.timers.tick(20_000);
    await settle();
    assert.deepEqual(spokenTexts(), []);

    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa'], 'only the test sentence');
    current().fire('end');
    await enabling;
  });

  test('enable: the chime (two falling tones), then the test sentence in Vietnamese with a Vietnamese voice', async () => {
    install();
    synth.voices = [EN, VI_REMOTE, VI_LOCAL];
    const announcer = createAnnouncer();
    let resolved = false;
    const enabling = announcer.enable('Đã bật loa').then(() => {
      resolved = true;
    });
    await settle();
    assert.equal(announcer.enabled, true);
    assert.equal(audioState, 'running', 'the audio context is resumed from the click');
    assert.deepEqual(tones, [
      [880, 2.05],
      [659.25, 2.5],
    ]);
    assert.deepEqual(spokenTexts(), [], 'the sentence waits for the chime');

    mock.timers.tick(1_099);
    await settle();
    assert.deepEqual(spokenTexts(), []);
    mock.timers.tick(1);
    await settle();
    const utterance = current();
    assert.equal(utterance.text, 'Đã bật loa');
    assert.equal(utterance.lang, 'vi-VN');
    assert.equal(utterance.rate, 0.9);
    assert.equal(utterance.voice, VI_LOCAL, 'a voice on the device is preferred');
    assert.equal(resolved, false, 'enable resolves once the sentence has been spoken');

    utterance.fire('end');
    await enabling;
    assert.equal(resolved, true);
  });

  test('calls are read one after another, in the order given, each after its chime', async () => {
    install();
    const announcer = createAnnouncer();
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    current().fire('end');
    await enabling;

    announcer.say('Mời số A001 đến quầy 1');
    announcer.say('Mời số B002 đến quầy 3');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa', 'Mời số A001 đến quầy 1']);

    mock.timers.tick(5_000);
    await settle();
    assert.equal(synth.spoken.length, 2, 'the next call waits for the end of the current one');

    current().fire('error');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa', 'Mời số A001 đến quầy 1', 'Mời số B002 đến quầy 3']);
    assert.equal(tones.length, 6, 'three chimes of two tones');
  });

  test('a sentence whose end the browser never reports is given up after 10 seconds', async () => {
    install();
    const announcer = createAnnouncer();
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    announcer.say('Mời số A001 đến quầy 1');
    mock.timers.tick(9_999);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa']);
    mock.timers.tick(1);
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa', 'Mời số A001 đến quầy 1']);
    // enable() resolves once the queue it started reading is empty.
    current().fire('end');
    await enabling;
  });

  test('voices that load after the board opens are used; "vi_VN" counts as Vietnamese', async () => {
    install();
    const announcer = createAnnouncer();
    synth.loadVoices([EN, VI_REMOTE]);
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.equal(current().voice, VI_REMOTE);
    current().fire('end');
    await enabling;
  });

  test('without any Vietnamese voice the sentence still goes out, marked vi-VN, with the default voice', async () => {
    install();
    synth.voices = [EN];
    const announcer = createAnnouncer();
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    assert.equal(current().voice, null);
    assert.equal(current().lang, 'vi-VN');
    current().fire('end');
    await enabling;
  });

  test('a browser without speech synthesis or Web Audio: enabling finishes silently', async () => {
    install({ speech: false, audio: false });
    const announcer = createAnnouncer();
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await enabling;
    assert.equal(announcer.enabled, true);
    assert.deepEqual(tones, []);
    assert.doesNotThrow(() => announcer.say('Mời số A001 đến quầy 1'));
    announcer.dispose();
  });

  test('dispose stops the speech, closes the audio, stops listening for voices and drops what is queued', async () => {
    install();
    const announcer = createAnnouncer();
    assert.equal(synth.listening, true);
    const enabling = announcer.enable('Đã bật loa');
    await settle();
    mock.timers.tick(1_100);
    await settle();
    announcer.say('Mời số A001 đến quầy 1');

    announcer.dispose();
    await settle();
    assert.equal(synth.cancelled, 1);
    assert.equal(audioState, 'closed');
    assert.equal(synth.listening, false);

    current().fire('end');
    await enabling;
    announcer.say('Mời số B002 đến quầy 3');
    mock.timers.tick(20_000);
    await settle();
    assert.deepEqual(spokenTexts(), ['Đã bật loa'], 'nothing more is read');
  });
});
