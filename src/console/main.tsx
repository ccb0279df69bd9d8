import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, configureApi } from './app/api.ts';
import { I18nProvider, initialLanguage, languageTag } from './app/i18n.tsx';
import { AuthProvider, Gate } from './app/session.tsx';
import { TrainingProvider } from './app/training.tsx';
import { App } from './screens/App.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not get better by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

const language = initialLanguage();
configureApi({ language });
document.documentElement.lang = languageTag(language);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider
          onChange={(next) => {
            configureApi({ language: next });
            // Names of units, categories and error messages come from the server in the asked language.
            void queryClient.invalidateQueries();
          }}
        >
          <AuthProvider>
            <TrainingProvider>
              <Gate>
                <App />
              </Gate>
            </TrainingProvider>
          </AuthProvider>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
