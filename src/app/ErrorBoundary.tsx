import { Component, type ReactNode } from 'react';
import { i18n } from '../i18n';

interface State {
  error: Error | null;
}

/** Never a blank page: a view that throws is replaced by a message; the link keeps the state. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="app.crash">
        <p>{i18n.t('app.crashed', { message: this.state.error.message })}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {i18n.t('app.reload')}
        </button>
      </div>
    );
  }
}
