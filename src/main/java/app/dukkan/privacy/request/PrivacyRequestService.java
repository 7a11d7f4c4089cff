package app.dukkan.privacy.request;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.PersonalAccounts;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.SignedUrls;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PrivacyRequest;
import app.dukkan.privacy.PrivacyRequest.Kind;
import app.dukkan.privacy.PrivacyRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link PrivacyRequests}: finds the person, records the request and queues its jobs in one transaction. */
@Service
class PrivacyRequestService implements PrivacyRequests {

    /** One {@code @}, something on both sides, no spaces (as identity checks addresses). */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** A phone as customers write it in an address: digits, spaces, brackets and dashes, maybe a {@code +}. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{4,32}");

    private final CurrentUser currentUser;
    private final AccountDirectory directory;
    private final PersonalAccounts accounts;
    private final PersonalParts parts;
    private final PrivacyRequestRepository requests;
    private final SubjectHashes hashes;
    private final Jobs jobs;
    private final AuditLog audit;
    private final SignedUrls urls;
    private final PrivacyProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PrivacyRequestService(
            CurrentUser currentUser,
            AccountDirectory directory,
            PersonalAccounts accounts,
            PersonalParts parts,
            PrivacyRequestRepository requests,
            SubjectHashes hashes,
            Jobs jobs,
            AuditLog audit,
            SignedUrls urls,
            PrivacyProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.currentUser = currentUser;
        this.directory = directory;
        this.accounts = accounts;
        this.parts = parts;
        this.requests = requests;
        this.hashes = hashes;
        this.jobs = jobs;
        this.audit = audit;
        this.urls = urls;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public PrivacyRequest exportMine() {
        AuthenticatedUser user = currentUser.require();
        return exportOf(own(user), user, true);
    }

    @Override
    public PrivacyRequest eraseMine(String password, String clientAddress) {
        AuthenticatedUser user = currentUser.require();
        if (user.has(Role.ADMIN) || user.has(Role.SELLER)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "operator-account",
                    "Operator account",
                    "An operator's account is erased by an administrator in the console, not by itself.",
                    List.of());
        }
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid("password", "is required: confirm with your password");
        }
        accounts.reauthenticate(user.id(), password, clientAddress);
        return eraseOf(own(user), user, true, null);
    }

    @Override
    public PrivacyRequest export(@Nullable String email, @Nullable String phone) {
        AuthenticatedUser operator = requireAdmin();
        return exportOf(known(email, phone), operator, false);
    }

    @Override
    public PrivacyRequest erase(@Nullable String email, @Nullable String phone, String reason) {
        AuthenticatedUser operator = requireAdmin();
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.codePointCount(0, why.length()) > MAX_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "is required, at most " + MAX_REASON_LENGTH + " characters");
        }
        DataSubject given = given(email, phone);
        byte[] hash = hashes.of(given);
        var running = requests.runningErasureOf(hash);
        if (running.isPresent()) {
            return view(running.get());
        }
        DataSubject subject;
        try {
            subject = known(given);
        } catch (ProblemException unknown) {
            // asked again after the erasure, when nothing is known of the person any more: the same
            // request; whoever came back with the address since is erased anew
            return requests.erasureOf(hash).map(this::view).orElseThrow(() -> unknown);
        }
        if (operator.id().value().equals(subject.userId())) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "self-erasure",
                    "Cannot erase yourself",
                    "Another administrator has to erase your account.",
                    List.of());
        }
        return eraseOf(subject, operator, false, why);
    }

    @Override
    public PrivacyRequest mine(UUID id, Kind kind) {
        AuthenticatedUser user = currentUser.require();
        return requests.find(id)
                .filter(stored -> stored.kind() == kind && user.id().value().equals(stored.userId()))
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound(kind.code(), id));
    }

    @Override
    public PrivacyRequest find(UUID id, Kind kind) {
        requireAdmin();
        return requests.find(id)
                .filter(stored -> stored.kind() == kind)
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound(kind.code(), id));
    }

    @Override
    public PrivacyRequest find(UUID id) {
        requireAdmin();
        return requests.find(id).map(this::view).orElseThrow(() -> ProblemException.notFound("privacy request", id));
    }

    @Override
    public List<PrivacyRequest> recent(int limit) {
        requireAdmin();
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalid("limit", "must be between 1 and 100");
        }
        return views(requests.recent(limit));
    }

    private PrivacyRequest exportOf(DataSubject subject, AuthenticatedUser by, boolean selfService) {
        byte[] hash = hashes.of(subject);
        PrivacyRequestRepository.Stored stored = Objects.requireNonNull(transaction.execute(status -> {
            var running = requests.runningExportOf(hash);
            if (running.isPresent()) {
                return running.get();
            }
            UUID id = Ids.newId(clock);
            requests.insert(id, Kind.EXPORT, hash, subject, by.id().value(), selfService, null, now());
            jobs.schedule(PrivacyJobs.EXPORT, id.toString(), new PrivacyJobs.Export(id));
            audit.record(
                    "privacy.export-requested",
                    "privacy-request",
                    id.toString(),
                    null,
                    Map.of("self_service", selfService));
            return requests.find(id).orElseThrow();
        }));
        return view(stored);
    }

    private PrivacyRequest eraseOf(
            DataSubject person, AuthenticatedUser by, boolean selfService, @Nullable String reason) {
        byte[] hash = hashes.of(person);
        DataSubject subject = parts.identify(person);
        if (requests.runningErasureOf(hash).isEmpty()) {
            parts.erasureHeldBy(subject).ifPresent(held -> {
                throw new ProblemException(
                        HttpStatus.CONFLICT, "erasure-held", "Not yet", "Cannot erase now: " + held, List.of());
            });
        }
        PrivacyRequestRepository.Stored stored = Objects.requireNonNull(transaction.execute(status -> {
            var earlier = requests.runningErasureOf(hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            UUID id = Ids.newId(clock);
            if (!requests.insert(id, Kind.ERASURE, hash, subject, by.id().value(), selfService, reason, now())) {
                // another request for the same person committed first: answer that one
                return requests.runningErasureOf(hash).orElseThrow();
            }
            Collection<String> names = parts.names();
            requests.insertParts(id, names);
            if (subject.userId() != null) {
                accounts.close(new UserId(subject.userId()));
            }
            for (String part : names) {
                jobs.schedule(PrivacyJobs.ERASE, id + "/" + part, new PrivacyJobs.Erase(id, part));
            }
            audit.record(
                    "privacy.erasure-requested",
                    "privacy-request",
                    id.toString(),
                    null,
                    Map.of("self_service", selfService, "parts", names.size()));
            return requests.find(id).orElseThrow();
        }));
        return view(stored);
    }

    /**
     * The signed-in user as a data subject, once their email is confirmed: a guest's orders and chats
     * are found by their email, and anyone may sign up with an address nobody has confirmed.
     */
    private DataSubject own(AuthenticatedUser user) {
        AccountSummary account =
                directory.find(user.id()).orElseThrow(() -> ProblemException.unauthorized("Sign in first"));
        if (!account.emailVerified()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "email-unverified",
                    "Email address not confirmed",
                    "Confirm your email address first with the link we sent you (POST /api/v1/me/email/verification"
                            + " sends a new one): your data is found by it, so an address nobody has confirmed could"
                            + " be someone else's.",
                    List.of());
        }
        return DataSubject.ofAccount(account);
    }

    /**
     * The person by email or phone, with their account when the email named has one; 404 when the shop
     * holds nothing about them as an erasure or export identifies them (ADR 0043). Not the account of
     * an email the parts find, such as the one typed in the chat of the phone named: nobody confirmed
     * it is the chat's customer's, so it may be anyone's account.
     */
    private DataSubject known(@Nullable String email, @Nullable String phone) {
        return known(given(email, phone));
    }

    private DataSubject known(DataSubject given) {
        if (given.email() != null) {
            var account = accounts.findByEmail(given.email());
            if (account.isPresent()) {
                return new DataSubject(
                        account.get().id().value(),
                        account.get().email(),
                        given.phone(),
                        account.get().displayName());
            }
        }
        if (!parts.holdAnything(given)) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Unknown person",
                    "The shop holds nothing about a person with this email or phone.",
                    List.of());
        }
        return given;
    }

    /** The email (lower case) and phone as given, checked: 400 naming the field. */
    private static DataSubject given(@Nullable String email, @Nullable String phone) {
        String address = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        String number = phone == null || phone.isBlank() ? null : phone.strip();
        if (address == null && number == null) {
            throw ProblemException.invalid("email", "give the person's email or phone");
        }
        if (address != null
                && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            throw ProblemException.invalid("email", "must be a well-formed email address");
        }
        if (number != null) {
            int digits = number.replaceAll("\\D", "").length();
            if (!PHONE.matcher(number).matches() || digits < 7 || digits > 15) {
                throw ProblemException.invalid("phone", "must be a phone number of 7 to 15 digits");
            }
        }
        return new DataSubject(null, address, number == null ? null : international(number), null);
    }

    /**
     * The phone in the one form every part looks for: E.164 when it is international, whether written
     * {@code +49 170 1234567}, {@code 0049 170 1234567} or {@code 491701234567} as WhatsApp shows it;
     * a national number ({@code 0170 1234567}) as its digits, which only addresses typed that way
     * hold.
     */
    static String international(String phone) {
        String compact = phone.replaceAll("[^0-9+]", "");
        if (compact.startsWith("00")) {
            return "+" + compact.substring(2);
        }
        return compact.startsWith("+") || compact.startsWith("0") ? compact : "+" + compact;
    }

    private AuthenticatedUser requireAdmin() {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only administrators handle privacy requests");
        }
        return user;
    }

    private PrivacyRequest view(PrivacyRequestRepository.Stored stored) {
        return views(List.of(stored)).get(0);
    }

    private List<PrivacyRequest> views(List<PrivacyRequestRepository.Stored> stored) {
        var partsOf = requests.parts(
                stored.stream().map(PrivacyRequestRepository.Stored::id).toList());
        return stored.stream()
                .map(request -> new PrivacyRequest(
                        request.id(),
                        request.kind(),
                        request.status(),
                        request.selfService(),
                        request.createdAt(),
                        request.completedAt(),
                        partsOf.getOrDefault(request.id(), List.of()),
                        download(request)))
                .toList();
    }

    private PrivacyRequest.@Nullable Download download(PrivacyRequestRepository.Stored request) {
        if (request.fileKey() == null) {
            return null;
        }
        SignedUrls.SignedUrl signed = urls.sign(request.fileKey(), properties.exportUrlTtl());
        return new PrivacyRequest.Download(signed.path(), signed.expiresAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
