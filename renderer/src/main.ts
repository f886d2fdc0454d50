import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { connectToCore, setClient } from './api/client';
import PasserelleApp from './components/PasserelleApp.vue';
import { i18n } from './i18n';
import './styles/base.css';

const { client, connection } = connectToCore();
setClient(client, connection);

createApp(PasserelleApp).use(createPinia()).use(i18n).mount('#app');
