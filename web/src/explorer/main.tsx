import { createRoot } from 'react-dom/client';
// Monaco's workers, bundled by Vite and served by the hub: no CDN (the hub's CSP allows none).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import { Explorer } from './Explorer';

createRoot(document.getElementById('root')!).render(<Explorer />);
