// Loaded (--import) into a child started by the fake utilityProcess (test/helpers/fake-utility-process.ts): gives it
// Electron's utility-process API, process.parentPort (message events carry .data), over the Node IPC channel, and
// hides process.send so the child can only use parentPort, as in Electron.
import { EventEmitter } from 'node:events';

const send = process.send.bind(process);
const port = new EventEmitter();
port.postMessage = (message) => send(message);
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
process.send = undefined;
