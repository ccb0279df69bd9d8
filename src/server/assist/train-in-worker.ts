import { Worker } from 'node:worker_threads';
import type { LabelledText, ModelJson, TrainOptions } from '../../nlp/index.ts';

/** What a training thread is given: plain data, which reaches it as a structured clone. */
export interface TrainRequest {
  examples: readonly LabelledText[];
  options: Partial<TrainOptions>;
}

const trainWorker = new URL('./train.worker.ts', import.meta.url);

/**
 * Trains a classifier (the language layer's `train`) in a worker thread, so that the process's event loop
 * goes on answering requests during the seconds to minutes training takes. Rejects when the thread fails
 * or exits without a model; `signal` ends the thread (the job given up, or the server stopping).
 */
export async function trainInWorker(
  request: TrainRequest,
  options: { signal?: AbortSignal } = {},
): Promise<ModelJson> {
  const { signal } = options;
  signal?.throwIfAborted();
  const worker = new Worker(trainWorker, {
    workerData: request,
    // The sources are TypeScript, loaded through tsx as the server's are (`node --import tsx`); named by
    // its file, so that it resolves whatever the working directory and however this process loaded tsx.
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  const stop = () => void worker.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await new Promise<ModelJson>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', (error) => {
        reject(new Error(`training in a worker thread failed: ${error.message}`, { cause: error }));
      });
      worker.once('exit', (code) => {
        reject(
          signal?.aborted
            ? signal.reason
            : new Error(`the training thread exited with code ${code} before sending a model`),
        );
      });
    });
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
