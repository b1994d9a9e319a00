import { Component, type ReactNode } from 'react';
import { useT } from '../i18n';

interface State {
  failed: boolean;
}

/**
 * Catches a page that fails to draw, most often because its code chunk is gone after a new
 * version was deployed while the tab stayed open; a reload fetches the current version.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useT();
  return (
    <div className="alert alert--error" role="alert">
      <p>{t('errors.pageFailed')}</p>
      <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </button>
    </div>
  );
}
