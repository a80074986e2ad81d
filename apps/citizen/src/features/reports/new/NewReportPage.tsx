import '../reports.css';
import type { MyReport, NearbyReport, SubmitReportBody } from '@dltt/contracts';
import { isVietnamesePhone } from '@dltt/contracts/phone';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { ApiError } from '../../../app/api.ts';
import { REPORT_PATHS } from '../../../app/paths.ts';
import { Icon } from '../../../components/Icon.tsx';
import { PageLayout } from '../../../components/PageLayout.tsx';
import { errorText, isConnectionError, Loading, RequestError } from '../../../components/RequestStatus.tsx';
import { newIdempotencyKey } from '../../../lib/idempotency-key.ts';
import { enqueue } from '../../../lib/outbox/outbox.ts';
import type { OutboxPhoto } from '../../../lib/outbox/types.ts';
import { rememberSentCode } from '../../../lib/sent-reports.ts';
import { CategoryGrid, categoryName } from '../CategoryList.tsx';
import { DRAFT_STEPS, type DraftStep, type ReportDraft, useReportDraft } from '../report-draft.ts';
import type { QueuedReport } from '../report-outbox.ts';
import { fetchNearby, submitReport, useCategories } from '../reports.api.ts';
import { CommunePicker } from './CommunePicker.tsx';
import { type DetailsErrors, DetailsStep } from './DetailsStep.tsx';
import { LocationStep } from './LocationStep.tsx';
import { PhotoStep } from './PhotoStep.tsx';
import { FollowedScreen, QueuedScreen, SentScreen } from './SentScreen.tsx';
import { SimilarReports } from './SimilarReports.tsx';
import { usePhotoUploads } from './usePhotoUploads.ts';

type Phase =
  | { kind: 'edit' }
  | { kind: 'checking' }
  | { kind: 'similar'; reports: NearbyReport[] }
  | { kind: 'commune' }
  | { kind: 'sent'; report: MyReport }
  | { kind: 'queued' }
  | { kind: 'followed'; code: string; own: boolean };

const NEARBY_TIMEOUT_MS = 8_000;

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : '');

const isValidOptionalPhone = (phone: string) => phone.trim() === '' || isVietnamesePhone(phone);

/** The phone knows it has no network, or a request got no answer at all: the report goes to the outbox. */
const offline = () => navigator.onLine === false;
const noAnswer = (error: ApiError) => error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';

/** The report as the outbox keeps it: everything but the photos, which travel as the entry's own. */
function formOf(draft: ReportDraft): QueuedReport | null {
  if (!draft.categoryId || !draft.location) return null;
  return {
    categoryId: draft.categoryId,
    location: draft.location,
    communeCode: draft.communeCode,
    address: draft.address.trim() || null,
    description: draft.description.trim(),
    contactPhone: draft.contactPhone.trim() || null,
    hideIdentity: draft.hideIdentity,
    consent: true,
  };
}

export function NewReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [startCategory] = useState(() => params.get('category'));
  const { state: draftState, update, discard } = useReportDraft(startCategory);
  const categories = useCategories();

  // The category in the address was applied once; a reload must not apply it again over later changes.
  useEffect(() => {
    if (params.has('category')) setParams({}, { replace: true });
  }, [params, setParams]);

  const title = t('reports.new.title');
  if (draftState.status === 'loading') {
    return (
      <PageLayout title={title}>
        <Loading />
      </PageLayout>
    );
  }
  return (
    <PageLayout title={title}>
      <Wizard
        draft={draftState.draft}
        update={update}
        discard={discard}
        categories={categories.state}
        retryCategories={categories.retry}
      />
    </PageLayout>
  );
}

function Wizard({
  draft,
  update,
  discard,
  categories,
  retryCategories,
}: {
  draft: ReportDraft;
  update: ReturnType<typeof useReportDraft>['update'];
  discard: ReturnType<typeof useReportDraft>['discard'];
  categories: ReturnType<typeof useCategories>['state'];
  retryCategories: () => void;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  const [detailsErrors, setDetailsErrors] = useState<DetailsErrors>({});
  const [mapOpen, setMapOpen] = useState(false);
  const photos = usePhotoUploads(draft.photos, (uploaded) => update({ photos: uploaded }));
  const heading = useRef<HTMLHeadingElement>(null);

  const stepIndex = DRAFT_STEPS.indexOf(draft.step);
  const goTo = (step: DraftStep) => {
    setNotice(null);
    setSendError(null);
    setPhase({ kind: 'edit' });
    update({ step });
  };

  // Each new step or screen starts at the top with its heading focused, as a new page would.
  const screen = phase.kind === 'edit' ? draft.step : phase.kind;
  const firstScreen = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `screen` is the trigger.
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    window.scrollTo(0, 0);
    (heading.current ?? document.querySelector<HTMLElement>('.page-body h2'))?.focus({ preventScroll: true });
  }, [screen]);

  // A report sent without network waits in "Phản ánh của tôi": fetch that page's code while the network is
  // here, so the link on the "Đã lưu" screen opens offline too.
  useEffect(() => {
    void import('../mine/MyReportsPage.tsx').catch(() => undefined);
  }, []);

  const category =
    categories.status === 'success' ? (categories.data.find((c) => c.id === draft.categoryId) ?? null) : null;

  // A restored draft whose category was closed meanwhile goes back to the choice.
  useEffect(() => {
    if (categories.status === 'success' && draft.categoryId && !category && draft.step !== 'category') {
      update({ step: 'category', categoryId: null });
    }
  }, [categories.status, category, draft.categoryId, draft.step, update]);

  /**
   * Keeps the report on the phone (photos not uploaded yet as files) with its key, to go out by itself once
   * online; the draft is done with.
   */
  async function queue(current: ReportDraft, form: QueuedReport) {
    const kept = photos.items.flatMap<OutboxPhoto>((item) =>
      item.uploaded
        ? [{ uploaded: item.uploaded }]
        : item.status === 'waiting' && item.file
          ? [{ blob: item.file, type: item.file.type }]
          : [],
    );
    const description = form.description.length > 80 ? `${form.description.slice(0, 79)}…` : form.description;
    await enqueue({
      kind: 'report',
      idempotencyKey: current.idempotencyKey,
      body: form,
      photos: kept,
      summary: { title: category ? categoryName(category) : t('reports.new.title'), lines: [description] },
    });
    await discard();
    photos.reset();
    setPhase({ kind: 'queued' });
  }

  async function send(current: ReportDraft) {
    const form = formOf(current);
    const waiting = photos.items.some((p) => p.status === 'waiting');
    if (!form || (current.photos.length === 0 && !waiting)) return;
    // A waiting photo uploading again since the network came back: the report takes it once it is there.
    if (photos.items.some((p) => p.status === 'uploading')) {
      setNotice(t('reports.photos.waitUploads'));
      return;
    }
    setSending(true);
    setSendError(null);
    setNotice(null);
    try {
      if (offline() || waiting) {
        await queue(current, form);
        return;
      }
      const body: SubmitReportBody = { ...form, photoIds: current.photos.map((p) => p.id) };
      const report = await submitReport(body, current.idempotencyKey);
      await discard();
      await rememberSentCode(report.code);
      setPhase({ kind: 'sent', report });
    } catch (e) {
      const error = asApiError(e);
      if (noAnswer(error)) {
        await queue(current, form);
        return;
      }
      switch (error.code) {
        case 'COMMUNE_REQUIRED':
        case 'COMMUNE_NOT_FOUND':
          setPhase({ kind: 'commune' });
          setNotice(error.message);
          break;
        case 'LOCATION_OUTSIDE_PROVINCE':
        case 'LOCATION_TOO_INACCURATE':
          setPhase({ kind: 'edit' });
          update({ step: 'location' });
          setNotice(error.message);
          break;
        case 'PHOTOS_INVALID':
          photos.reset();
          setPhase({ kind: 'edit' });
          update({ step: 'photos', photos: [] });
          setNotice(error.message);
          break;
        case 'CATEGORY_INACTIVE':
        case 'CATEGORY_NOT_FOUND':
          setPhase({ kind: 'edit' });
          update({ step: 'category', categoryId: null });
          setNotice(error.message);
          break;
        default:
          setSendError(error);
      }
    } finally {
      setSending(false);
    }
  }

  const startAgainWithNewKey = () => {
    const idempotencyKey = newIdempotencyKey();
    update({ idempotencyKey });
    void send({ ...draft, idempotencyKey });
  };

  async function checkNearby() {
    if (!draft.categoryId || !draft.location) return;
    setPhase({ kind: 'checking' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), NEARBY_TIMEOUT_MS);
    // The check helps but must never stop a report: any failure goes straight on.
    const nearby = offline()
      ? []
      : await fetchNearby(draft.categoryId, draft.location, controller.signal).catch(() => []);
    clearTimeout(timer);
    if (nearby.length > 0) setPhase({ kind: 'similar', reports: nearby });
    else goTo('details');
  }

  const next = () => {
    setNotice(null);
    if (draft.step === 'category') {
      if (draft.categoryId) goTo('photos');
      else setNotice(t('reports.new.needCategory'));
    } else if (draft.step === 'photos') {
      if (photos.items.some((p) => p.status === 'uploading')) setNotice(t('reports.photos.waitUploads'));
      else if (photos.items.some((p) => p.status === 'failed')) setNotice(t('reports.photos.fixFailed'));
      else if (!photos.items.some((p) => p.status === 'done' || p.status === 'waiting'))
        setNotice(t('reports.photos.needOne'));
      else goTo('location');
    } else if (draft.step === 'location') {
      if (draft.location) void checkNearby();
      else setNotice(t('reports.location.needLocation'));
    } else {
      const errors: DetailsErrors = {
        description: draft.description.trim() === '',
        phone: !isValidOptionalPhone(draft.contactPhone),
        consent: !draft.consent,
      };
      setDetailsErrors(errors);
      if (errors.description || errors.phone || errors.consent) {
        setNotice(t('reports.details.fixErrors'));
        return;
      }
      void send(draft);
    }
  };

  const back = () => {
    const previous = DRAFT_STEPS[stepIndex - 1];
    if (previous) goTo(previous);
  };

  if (phase.kind === 'sent') return <SentScreen report={phase.report} />;
  if (phase.kind === 'queued') return <QueuedScreen />;
  if (phase.kind === 'followed') return <FollowedScreen code={phase.code} own={phase.own} />;
  if (phase.kind === 'checking') {
    return (
      <div className="step-body">
        <h2 className="step-title" tabIndex={-1} ref={heading}>
          {t('reports.similar.checking')}
        </h2>
        <Loading />
      </div>
    );
  }
  if (phase.kind === 'similar') {
    return (
      <SimilarReports
        reports={phase.reports}
        onFollowed={(code, own) => {
          void discard();
          photos.reset();
          setPhase({ kind: 'followed', code, own });
        }}
        onNotThese={() => goTo('details')}
      />
    );
  }

  const sendErrorPanel = sendError && (
    <div className="request-error" role="alert">
      <Icon name="alert" size={32} className="request-error-icon" />
      <div>
        <p className="request-error-title">{t('reports.new.sendFailed')}</p>
        <p>{errorText(sendError, t)}</p>
        {isConnectionError(sendError) && <p>{t('reports.new.draftKept')}</p>}
        {sendError.code === 'IDEMPOTENCY_KEY_REUSED' ? (
          <div className="button-stack">
            <Link className="button-link" to={REPORT_PATHS.mine}>
              {t('reports.mine.title')}
            </Link>
            <Button variant="secondary" size="large" onClick={startAgainWithNewKey}>
              {t('reports.new.sendAsNew')}
            </Button>
          </div>
        ) : (
          <Button
            variant="secondary"
            size="large"
            disabled={sending}
            prefixIcon={<Icon name="retry" />}
            onClick={() => void send(draft)}
          >
            {sending ? t('reports.sending') : t('reports.new.sendAgain')}
          </Button>
        )}
      </div>
    </div>
  );

  if (phase.kind === 'commune') {
    return (
      <div className="step-body">
        <h2 className="step-title" tabIndex={-1} ref={heading}>
          {t('reports.commune.title')}
        </h2>
        {notice && (
          <p className="step-notice" role="alert">
            {notice}
          </p>
        )}
        <CommunePicker value={draft.communeCode} onChange={(communeCode) => update({ communeCode })} />
        {sendErrorPanel}
        <div className="step-nav">
          <Button variant="secondary" size="large" onClick={() => goTo('details')}>
            {t('reports.new.back')}
          </Button>
          <Button
            size="large"
            disabled={sending || !draft.communeCode}
            prefixIcon={<Icon name="send" />}
            onClick={() => void send(draft)}
          >
            {sending ? t('reports.sending') : t('reports.new.send')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="wizard">
      <p className="step-count">
        {t('reports.new.stepCount', { n: stepIndex + 1, total: DRAFT_STEPS.length })}
      </p>
      <h2 className="step-title" tabIndex={-1} ref={heading}>
        {t(`reports.new.steps.${draft.step}`)}
      </h2>
      {category && draft.step !== 'category' && (
        <p className="chosen-category">
          <span className="category-icon">
            <Icon name={category.icon} size={24} />
          </span>
          <span>{categoryName(category)}</span>
          <button type="button" className="text-button" onClick={() => goTo('category')}>
            {t('reports.new.changeCategory')}
          </button>
        </p>
      )}
      {notice && (
        <p className="step-notice" role="alert">
          {notice}
        </p>
      )}

      {draft.step === 'category' &&
        (categories.status === 'loading' ? (
          <Loading />
        ) : categories.status === 'error' ? (
          <RequestError error={categories.error} onRetry={retryCategories} />
        ) : (
          <CategoryGrid
            categories={categories.data}
            selectedId={draft.categoryId}
            onSelect={(c) => {
              setNotice(null);
              update({ categoryId: c.id, step: 'photos' });
            }}
          />
        ))}
      {draft.step === 'photos' && (
        <PhotoStep
          items={photos.items}
          onAdd={(files) => {
            // "Add at least one photo" no longer applies once one is coming.
            setNotice(null);
            photos.add(files);
          }}
          onRetry={photos.retry}
          onRemove={photos.remove}
        />
      )}
      {draft.step === 'location' && (
        <LocationStep
          location={draft.location}
          photos={draft.photos}
          onChange={(location) => {
            setNotice(null);
            update({ location });
          }}
          onMapOpen={(open) => {
            setMapOpen(open);
            if (open) setNotice(null);
          }}
        />
      )}
      {draft.step === 'details' && (
        <DetailsStep
          draft={draft}
          errors={detailsErrors}
          onChange={(change) => {
            update(change);
            if (detailsErrors.description || detailsErrors.phone || detailsErrors.consent) {
              const errors: DetailsErrors = {
                description: detailsErrors.description && !(change.description ?? draft.description).trim(),
                phone:
                  detailsErrors.phone && !isValidOptionalPhone(change.contactPhone ?? draft.contactPhone),
                consent: detailsErrors.consent && !(change.consent ?? draft.consent),
              };
              setDetailsErrors(errors);
              // Everything marked is now right: the summary above would only mislead.
              if (!errors.description && !errors.phone && !errors.consent) setNotice(null);
            }
          }}
        />
      )}
      {draft.step === 'details' && sendErrorPanel}

      {/* While the map is open its own button takes the pin: one way forward, not two. */}
      <div className="step-nav" hidden={draft.step === 'location' && mapOpen}>
        {stepIndex > 0 && (
          <Button variant="secondary" size="large" onClick={back}>
            {t('reports.new.back')}
          </Button>
        )}
        {draft.step !== 'category' && (
          <Button
            size="large"
            disabled={sending}
            suffixIcon={draft.step === 'details' ? <Icon name="send" /> : undefined}
            onClick={next}
          >
            {draft.step !== 'details'
              ? t('reports.new.next')
              : sending
                ? t('reports.sending')
                : t('reports.new.send')}
          </Button>
        )}
      </div>
    </div>
  );
}
