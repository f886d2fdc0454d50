// The sandboxed preload: exposes the contract's invoke/on as window.passerelle and
// nothing else. The renderer never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Bridge } from '../../shared/ipc';

const bridge: Bridge = {
  invoke: (name, params) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, params),
  on(event, listener) {
    const relay = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('passerelle', bridge);
