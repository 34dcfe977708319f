import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { interceptLinks } from './lib/state/router.svelte';

interceptLinks();
const app = mount(App, { target: document.getElementById('app')! });

export default app;
