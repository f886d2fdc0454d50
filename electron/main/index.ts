// Entry of the Electron main process (built to out/main/index.js).
import { startApp } from './app';

startApp({ mainDir: import.meta.dirname, devServerUrl: process.env.ELECTRON_RENDERER_URL });
