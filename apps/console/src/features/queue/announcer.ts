/**
 * The display board's voice: a short generated chime (Web Audio, no sound files), then the call read by the
 * browser's speech synthesis in Vietnamese. Calls are spoken one after another, in the order given.
 *
 * Browsers keep pages silent until someone interacts with them, so nothing plays before enable() runs from a
 * click. Either part may be missing (no AudioContext, no voices in a headless browser, speech refused): the
 * board then stays silent, and never throws.
 */
export interface Announcer {
  /** Unlocks sound; call from a click handler. Resolves once the test sentence has been spoken (or skipped). */
  enable(testSentence: string): Promise<void>;
  readonly enabled: boolean;
  /** Queues a sentence; ignored until enabled (a backlog must not be read out when sound is turned on). */
  say(sentence: string): void;
  dispose(): void;
}

const CHIME_MS = 1_100;
/** A sentence normally takes about 3 s; if the browser never reports its end, move on after this. */
const SPEECH_TIMEOUT_MS = 10_000;

function speechSynthesisOrNull(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

function isVietnamese(voice: SpeechSynthesisVoice): boolean {
  return voice.lang.toLowerCase().replace('_', '-').startsWith('vi');
}

export function createAnnouncer(): Announcer {
  let enabled = false;
  let audio: AudioContext | null = null;
  let voice: SpeechSynthesisVoice | null = null;
  let busy = false;
  let disposed = false;
  const queue: string[] = [];
  const synth = speechSynthesisOrNull();

  // Voices load asynchronously in Chrome (the list is empty at first, then 'voiceschanged' fires).
  const pickVoice = () => {
    try {
      const voices = synth?.getVoices() ?? [];
      voice = voices.find((v) => isVietnamese(v) && v.localService) ?? voices.find(isVietnamese) ?? null;
    } catch {
      voice = null;
    }
  };
  pickVoice();
  synth?.addEventListener('voiceschanged', pickVoice);

  /** Two falling tones ("ding-dong"), soft attack and decay so it does not click. */
  function chime(): Promise<void> {
    return new Promise((resolve) => {
      try {
        if (audio && audio.state !== 'closed') {
          const start = audio.currentTime + 0.05;
          for (const [i, frequency] of [880, 659.25].entries()) {
            const osc = audio.createOscillator();
            const gain = audio.createGain();
            const at = start + i * 0.45;
            osc.type = 'sine';
            osc.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, at);
            gain.gain.exponentialRampToValueAtTime(0.35, at + 0.03);
            gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
            osc.connect(gain).connect(audio.destination);
            osc.start(at);
            osc.stop(at + 0.65);
          }
        }
      } catch {
        // No sound device, or audio refused: the board stays silent.
      }
      setTimeout(resolve, CHIME_MS);
    });
  }

  function speak(sentence: string): Promise<void> {
    return new Promise((resolve) => {
      if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
        resolve();
        return;
      }
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, SPEECH_TIMEOUT_MS);
      try {
        const utterance = new SpeechSynthesisUtterance(sentence);
        utterance.lang = 'vi-VN';
        if (voice) utterance.voice = voice;
        utterance.rate = 0.9;
        utterance.addEventListener('end', finish);
        utterance.addEventListener('error', finish);
        synth.speak(utterance);
      } catch {
        finish();
      }
    });
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      for (let next = queue.shift(); next !== undefined && !disposed; next = queue.shift()) {
        await chime();
        await speak(next);
      }
    } finally {
      busy = false;
    }
  }

  return {
    get enabled() {
      return enabled;
    },
    async enable(testSentence) {
      enabled = true;
      try {
        const Context =
          window.AudioContext ??
          (window as Window & { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
        audio = audio ?? (Context ? new Context() : null);
        await audio?.resume();
      } catch {
        audio = null;
      }
      pickVoice();
      queue.unshift(testSentence);
      await drain();
    },
    say(sentence) {
      if (!enabled || disposed) return;
      queue.push(sentence);
      void drain();
    },
    dispose() {
      disposed = true;
      queue.length = 0;
      synth?.removeEventListener('voiceschanged', pickVoice);
      try {
        synth?.cancel();
      } catch {
        // nothing to stop
      }
      void audio?.close().catch(() => undefined);
    },
  };
}
