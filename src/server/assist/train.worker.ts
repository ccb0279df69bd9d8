/**
 * The thread `trainInWorker` starts: trains on the examples it was given and posts the model file back.
 * It loads the language layer only, none of the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { train } from '../../nlp/index.ts';
import type { TrainRequest } from './train-in-worker.ts';

if (!parentPort) throw new Error('train.worker.ts runs as a worker thread (see train-in-worker.ts)');
const request: TrainRequest = workerData;
parentPort.postMessage(train(request.examples, request.options));
