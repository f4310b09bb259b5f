import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading1, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react/css-module';
import { ApiError, type GraphQLErrorBody } from '../../shared/graphql';

/** Form fields, titles and messages on top of the NL Design System (Utrecht) components. */

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  type?: string;
  description?: ReactNode;
  error?: string | null;
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  required?: boolean;
}) {
  const describedBy = [props.description ? `${props.id}-beschrijving` : null, props.error ? `${props.id}-fout` : null].filter(Boolean).join(' ') || undefined;
  return (
    <FormField
      type="text"
      invalid={!!props.error}
      label={<FormLabel htmlFor={props.id}>{props.label}</FormLabel>}
      description={props.description ? <FormFieldDescription id={`${props.id}-beschrijving`}>{props.description}</FormFieldDescription> : undefined}
      errorMessage={props.error ? <FormFieldErrorMessage id={`${props.id}-fout`}>{props.error}</FormFieldErrorMessage> : undefined}
      input={
        <Textbox
          id={props.id}
          name={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          invalid={!!props.error}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          required={props.required}
        />
      }
    />
  );
}

export function SelectField(props: { id: string; label: string; value: string; onChange(value: string): void; options: ReadonlyArray<{ value: string; label: string }>; description?: ReactNode }) {
  return (
    <FormField
      type="text"
      label={<FormLabel htmlFor={props.id}>{props.label}</FormLabel>}
      description={props.description ? <FormFieldDescription id={`${props.id}-beschrijving`}>{props.description}</FormFieldDescription> : undefined}
      input={
        <Select id={props.id} name={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-describedby={props.description ? `${props.id}-beschrijving` : undefined}>
          {props.options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}

/** Whether a title has been shown before: the first one, on loading the page, leaves the focus where the browser puts it. */
let titled = false;

/**
 * The page's title. When the console moves to another page (or past sign-in) it takes the
 * focus, so a screen reader announces where one is and Tab goes on from there; on the first
 * load the focus stays at the top, where the skip link is.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${typeof children === 'string' ? children : 'Privacyconsole'} — Privacyconsole ontschot`;
    if (titled) ref.current?.focus();
    titled = true;
  }, [children]);
  return (
    <Heading1 ref={ref} tabIndex={-1} className="console-page-title">
      {children}
    </Heading1>
  );
}

const MESSAGES: Record<string, string> = {
  BAD_USER_INPUT: 'De invoer is niet geldig',
  QUERY_TOO_COMPLEX: 'Deze vraag is te groot voor de hub; maak de periode of de pagina kleiner',
  RATE_LIMITED: 'U heeft in korte tijd te veel verzoeken gedaan; probeer het over een minuut opnieuw',
  SERVICE_OVERLOADED: 'De hub is even te druk; probeer het zo opnieuw',
  SOURCE_UNAVAILABLE: 'Een onderdeel van de hub is nu niet bereikbaar',
  NETWORK: 'De hub is niet bereikbaar',
  FORBIDDEN: 'Hiervoor heeft u geen toegang',
  PURPOSE_NOT_ALLOWED: 'Hiervoor heeft u geen toegang',
  UNAUTHENTICATED: 'U bent niet (meer) aangemeld',
};

/** A refusal or failure in Dutch, with the hub's code for the helpdesk. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return `${MESSAGES[err.code] ?? 'De hub gaf een fout'} (${err.code}).`;
  return err instanceof Error ? err.message : 'Er ging iets mis.';
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{describeError(error)}</Paragraph>
    </Alert>
  );
}

/** Field errors of a partial answer: the rest is shown, this says what is missing. */
export function PartialAlert({ errors }: { errors: GraphQLErrorBody[] }) {
  if (!errors.length) return null;
  return (
    <Alert type="warning" role="status">
      <Paragraph>Een deel van het antwoord ontbreekt: {errors.map((e) => `${e.path?.join('.') ?? '?'} (${e.extensions?.code ?? 'fout'})`).join(', ')}.</Paragraph>
    </Alert>
  );
}

export function Loading({ label = 'Bezig met laden…' }: { label?: string }) {
  return (
    <Paragraph role="status" aria-live="polite">
      {label}
    </Paragraph>
  );
}

/** Offers a text as a file download, in the browser: nothing is sent anywhere. */
export function download(filename: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
