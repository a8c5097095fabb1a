import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { connect } from './app/transport'
import './ui/styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connect()} />
  </StrictMode>,
)
