"""French analyzers: for every label of every coded dimension, positive sentences, near misses
and, where it applies, a negated sentence (all written for the purpose, in the register of a
communiqué, a tweet or a parliamentary hearing).

Each row of ``CASES``: (dimension, label, text, expected) with expected one of
``"coded"`` (the statement, by an official, gets the label in its column),
``"absent"`` (no span of that label at all), ``"negated"`` (a negated span
of that label exists and the label is not coded).

``CLAIMS`` checks the claim-only dimensions (cause, event, responsibility) the
same way through ``labels(doc, dimension, negated=...)``; ``STATUSES`` checks
the done / ongoing / promised status of remediation tags.
"""

from __future__ import annotations

import pytest

from tests.conftest import check_claim, check_label, labels

CASES = [
    # --- audience -------------------------------------------------------------------------------
    ("audience", "national_public", "La Présidence informe l'opinion nationale que son compte a été piraté.", "coded"),
    ("audience", "national_public", "Nous tenons à rassurer nos compatriotes : notre compte a été piraté mais aucune donnée n'a été divulguée.", "coded"),
    ("audience", "national_public", "Le gouvernement présente ses excuses aux Français.", "coded"),
    ("audience", "national_public", "Ce tweet ne reflète en rien l'opinion du président.", "absent"),
    ("audience", "national_public", "Des citoyens ont largement partagé la capture d'écran.", "absent"),
    ("audience", "international_community", "Le ministère informe l'opinion internationale que ce message a été publié par erreur.", "coded"),
    ("audience", "international_community", "Nous assurons nos partenaires internationaux que le message litigieux a été supprimé.", "coded"),
    ("audience", "international_community", "Le Mali présente ses excuses aux pays amis et à la communauté internationale.", "coded"),
    ("audience", "international_community", "Nous réunirons les partenaires sociaux la semaine prochaine.", "absent"),
    ("audience", "international_community", "Le tweet portait sur la politique internationale des États-Unis.", "absent"),
    ("audience", "customers", "Nous présentons nos excuses à nos clients pour la gêne occasionnée.", "coded"),
    ("audience", "customers", "Chers clients, suite à un problème technique, le service a été momentanément interrompu.", "coded"),
    ("audience", "customers", "La SNCF s'excuse auprès des voyageurs concernés.", "coded"),
    ("audience", "customers", "Un client a publié une capture d'écran du message.", "absent"),
    ("audience", "employees", "Je remercie l'ensemble de nos collaborateurs pour leur mobilisation face à cette cyberattaque.", "coded"),
    ("audience", "employees", "Chers collègues, je tiens à vous présenter mes excuses.", "coded"),
    ("audience", "employees", "La direction s'adresse à tous les salariés du groupe pour leur annoncer l'ouverture d'une enquête interne.", "coded"),
    ("audience", "employees", "Un collaborateur a publié ce message par erreur.", "absent"),
    ("audience", "investors", "Nous tenons à rassurer nos actionnaires : l'incident n'a eu qu'un impact limité.", "coded"),
    ("audience", "investors", "Le groupe informe les investisseurs et les marchés qu'un audit indépendant a été lancé.", "coded"),
    ("audience", "investors", "Le marché de Noël de la ville a été annulé.", "absent"),
    ("audience", "investors", "Un actionnaire minoritaire a saisi le tribunal de commerce.", "absent"),
    ("audience", "media", "Mesdames et messieurs les journalistes, je vous présente mes excuses.", "coded"),
    ("audience", "media", "Nous remercions la presse de relayer cette information : notre compte a été piraté.", "coded"),
    ("audience", "media", "Le ministère informe les rédactions que le communiqué erroné a été retiré.", "coded"),
    ("audience", "media", "Le message a été relayé par la presse locale.", "absent"),
    ("audience", "authorities", "Monsieur le Président, mesdames et messieurs les députés, j'assume l'entière responsabilité de cette erreur.", "coded"),
    ("audience", "authorities", "Je me tiens à la disposition de votre commission et je vous présente mes excuses.", "coded"),
    ("audience", "authorities", "Je le dis devant la représentation nationale : nous n'avons jamais publié ce message.", "coded"),
    ("audience", "authorities", "Le président a publié un message sur Twitter.", "absent"),
    ("audience", "authorities", "La commission des finances a rendu son rapport.", "absent"),
    ("audience", "followers", "Chers abonnés, nous vous présentons nos excuses.", "coded"),
    ("audience", "followers", "Merci à toute notre communauté pour son soutien après le piratage de notre compte.", "coded"),
    ("audience", "followers", "Nous nous excusons auprès de nos followers.", "coded"),
    ("audience", "followers", "Le compte rassemble deux millions d'abonnés.", "absent"),
    ("audience", "followers", "Nous nous adressons à la communauté internationale.", "absent"),
    ("audience", "affected_people", "Nous présentons nos excuses et nos sincères condoléances aux familles des victimes.", "coded"),
    ("audience", "affected_people", "Nos pensées vont aux personnes touchées par cet incident, à qui nous présentons nos excuses.", "coded"),
    ("audience", "affected_people", "Nous exprimons notre soutien à toutes les victimes, qui seront indemnisées.", "coded"),
    ("audience", "affected_people", "Nous avons été victimes d'une cyberattaque.", "absent"),
    ("audience", "affected_people", "La victime a été identifiée par la police.", "absent"),
    # --- blame_shift ----------------------------------------------------------------------------
    ("blame_shift", "external_attacker", "Notre compte Twitter a été piraté cette nuit.", "coded"),
    ("blame_shift", "external_attacker", "Le site du ministère a fait l'objet d'une cyberattaque.", "coded"),
    ("blame_shift", "external_attacker", "Des individus malveillants ont pris le contrôle de notre page Facebook.", "coded"),
    ("blame_shift", "external_attacker", "Nous luttons contre le piratage des œuvres.", "absent"),
    ("blame_shift", "external_attacker", "Nous avons renforcé la protection de nos comptes contre les cyberattaques.", "absent"),
    ("blame_shift", "external_attacker", "Notre compte n'a pas été piraté.", "negated"),
    ("blame_shift", "external_attacker", "Ni pirates, ni hackers : une simple erreur de manipulation.", "negated"),
    ("blame_shift", "external_attacker", "Il n'y a eu aucune intrusion dans nos systèmes.", "negated"),
    ("blame_shift", "external_attacker", "Nous ne pensons pas que notre compte ait été piraté.", "negated"),
    ("blame_shift", "insider_individual", "Ce message a été publié par un collaborateur isolé, sans aucune validation.", "coded"),
    ("blame_shift", "insider_individual", "Il s'agit de l'initiative d'un ancien stagiaire.", "coded"),
    ("blame_shift", "insider_individual", "C'est notre community manager qui a publié ce tweet sans autorisation.", "coded"),
    ("blame_shift", "insider_individual", "Nos collaborateurs sont mobilisés pour rétablir le service.", "absent"),
    ("blame_shift", "insider_individual", "Notre community manager reste à votre disposition pour toute question.", "absent"),
    ("blame_shift", "insider_individual", "Ce n'est pas un collaborateur isolé : c'est toute notre organisation qui a failli.", "negated"),
    ("blame_shift", "third_party", "L'erreur est imputable à notre prestataire.", "coded"),
    ("blame_shift", "third_party", "Le message a été publié par l'agence qui gère nos réseaux sociaux.", "coded"),
    ("blame_shift", "third_party", "La faute incombe au sous-traitant chargé de la maintenance.", "coded"),
    ("blame_shift", "third_party", "Nous remercions notre prestataire pour sa réactivité.", "absent"),
    ("blame_shift", "third_party", "Notre partenaire Twitter nous a aidés à rétablir l'accès.", "absent"),
    ("blame_shift", "third_party", "Notre prestataire n'est en rien responsable de cette erreur.", "negated"),
    ("blame_shift", "circumstances", "La publication résulte d'un problème technique indépendant de notre volonté.", "coded"),
    ("blame_shift", "circumstances", "Un bug informatique a entraîné l'envoi de ce message.", "coded"),
    ("blame_shift", "circumstances", "En raison de conditions météorologiques exceptionnelles, plusieurs vols ont été annulés.", "coded"),
    ("blame_shift", "circumstances", "Notre équipe technique est mobilisée.", "absent"),
    ("blame_shift", "circumstances", "Le système de paiement fonctionne normalement.", "absent"),
    ("blame_shift", "circumstances", "Il ne s'agit pas d'un problème technique.", "negated"),
    ("blame_shift", "accuser", "Je suis victime d'une cabale médiatique.", "coded"),
    ("blame_shift", "accuser", "Certains médias diffusent des mensonges pour nous nuire.", "coded"),
    ("blame_shift", "accuser", "Nous faisons l'objet d'une campagne de dénigrement orchestrée par nos adversaires.", "coded"),
    ("blame_shift", "accuser", "Ce journaliste mène une cabale contre moi depuis des mois.", "coded"),
    ("blame_shift", "accuser", "Nous avons lancé une campagne de communication.", "absent"),
    ("blame_shift", "accuser", "La presse a relayé notre communiqué.", "absent"),
    ("blame_shift", "accuser", "Je ne dis pas que les journalistes mentent.", "negated"),
    # --- remediation ----------------------------------------------------------------------------
    ("remediation", "platform_notified", "Twitter en a été informé.", "coded"),
    ("remediation", "platform_notified", "Nous avons signalé le compte frauduleux à Facebook.", "coded"),
    ("remediation", "platform_notified", "Nous sommes en contact avec les équipes de Twitter.", "coded"),
    ("remediation", "platform_notified", "Nous travaillons avec Facebook pour rétablir l'accès à la page.", "coded"),
    ("remediation", "platform_notified", "Twitter est un réseau utile.", "absent"),
    ("remediation", "platform_notified", "Nous vous tiendrons informés sur Facebook et Twitter.", "absent"),
    ("remediation", "platform_notified", "Retrouvez toutes nos informations sur Instagram.", "absent"),
    ("remediation", "platform_notified", "Nous n'avons pas encore contacté Twitter.", "negated"),
    ("remediation", "investigation", "Des investigations sont en cours pour identifier les auteurs.", "coded"),
    ("remediation", "investigation", "Une enquête interne a été ouverte.", "coded"),
    ("remediation", "investigation", "Nous avons mandaté un cabinet indépendant pour un audit complet.", "coded"),
    ("remediation", "investigation", "Une enquête de satisfaction montre que nos clients apprécient le service.", "absent"),
    ("remediation", "investigation", "Nous mettons notre expertise au service de nos clients.", "absent"),
    ("remediation", "investigation", "Aucune enquête n'a été ouverte à ce stade.", "negated"),
    ("remediation", "access_secured", "Nous avons changé tous les mots de passe.", "coded"),
    ("remediation", "access_secured", "Les accès au compte ont été révoqués.", "coded"),
    ("remediation", "access_secured", "Nous avons repris le contrôle de notre compte.", "coded"),
    ("remediation", "access_secured", "La double authentification a été activée sur l'ensemble de nos comptes.", "coded"),
    ("remediation", "access_secured", "La sécurité de nos utilisateurs est notre priorité.", "absent"),
    ("remediation", "access_secured", "Nous rappelons l'importance de mots de passe robustes.", "absent"),
    ("remediation", "access_secured", "Les mots de passe n'ont pas été modifiés.", "negated"),
    ("remediation", "content_removed", "Le message a été supprimé.", "coded"),
    ("remediation", "content_removed", "Nous avons retiré la vidéo de nos plateformes dès que nous en avons eu connaissance.", "coded"),
    ("remediation", "content_removed", "Le tweet incriminé a été effacé peu après sa publication.", "coded"),
    ("remediation", "content_removed", "Nous avons supprimé les frais de dossier.", "absent"),
    ("remediation", "content_removed", "Le message a été retweeté plus de 3 000 fois.", "absent"),
    ("remediation", "content_removed", "Nous ne supprimerons pas ce message.", "negated"),
    ("remediation", "content_removed", "Le tweet n'a jamais été supprimé.", "negated"),
    ("remediation", "personnel_action", "L'agent a été suspendu.", "coded"),
    ("remediation", "personnel_action", "Le collaborateur concerné a été licencié.", "coded"),
    ("remediation", "personnel_action", "Des sanctions disciplinaires seront prises.", "coded"),
    ("remediation", "personnel_action", "Le community manager a été relevé de ses fonctions.", "coded"),
    ("remediation", "personnel_action", "Le service a été suspendu pendant deux heures.", "absent"),
    ("remediation", "personnel_action", "La mise à jour de l'application corrige le problème.", "absent"),
    ("remediation", "personnel_action", "La suspension du trafic a duré deux heures.", "absent"),
    ("remediation", "personnel_action", "Aucun collaborateur n'a été sanctionné.", "negated"),
    ("remediation", "compensation", "Les clients concernés seront intégralement remboursés.", "coded"),
    ("remediation", "compensation", "Nous proposerons un geste commercial à chaque passager.", "coded"),
    ("remediation", "compensation", "Une indemnisation sera versée aux familles.", "coded"),
    ("remediation", "compensation", "Ce geste malheureux ne reflète pas nos valeurs.", "absent"),
    ("remediation", "compensation", "Aucun remboursement n'est prévu.", "negated"),
    ("remediation", "policy_change", "De nouvelles procédures de validation ont été mises en place.", "coded"),
    ("remediation", "policy_change", "Nous allons renforcer nos contrôles internes.", "coded"),
    ("remediation", "policy_change", "Tous nos collaborateurs suivront une formation aux réseaux sociaux.", "coded"),
    ("remediation", "policy_change", "Toutes les mesures ont été prises pour que cela ne se reproduise plus.", "coded"),
    ("remediation", "policy_change", "Le festival, mis en place en 2015, accueille chaque année des milliers de visiteurs.", "absent"),
    ("remediation", "policy_change", "Notre politique tarifaire reste inchangée.", "absent"),
    ("remediation", "policy_change", "Nous ne changerons pas nos procédures.", "negated"),
    ("remediation", "policy_change", "Aucune nouvelle procédure n'a été mise en place.", "negated"),
    ("remediation", "authorities_notified", "Une plainte a été déposée auprès du procureur de la République.", "coded"),
    ("remediation", "authorities_notified", "Nous allons porter plainte.", "coded"),
    ("remediation", "authorities_notified", "Nous sommes en contact avec la gendarmerie.", "coded"),
    # CODEBOOK §4 : une collaboration générale sans contact, plainte ni signalement nommés n'est pas une remédiation.
    ("remediation", "authorities_notified", "Nous collaborons pleinement avec les autorités compétentes.", "absent"),
    ("remediation", "authorities_notified", "Nous restons à la disposition de la justice.", "absent"),
    ("remediation", "investigation", "Nous avons mandaté nos avocats pour engager des poursuites contre les auteurs de ces rumeurs.", "absent"),
    ("remediation", "authorities_notified", "Nous avons saisi la CNIL.", "coded"),
    ("remediation", "authorities_notified", "Les services de police ont été alertés.", "coded"),
    ("remediation", "authorities_notified", "Nous avons reçu de nombreuses plaintes de clients.", "absent"),
    ("remediation", "authorities_notified", "Nous informons nos clients que le ministère a publié un décret.", "absent"),
    ("remediation", "authorities_notified", "Nous n'avons pas porté plainte.", "negated"),
    # --- strategy -------------------------------------------------------------------------------
    ("strategy", "denial", "Nous démentons formellement avoir publié ce message.", "coded"),
    ("strategy", "denial", "Ces accusations sont totalement dénuées de fondement.", "coded"),
    ("strategy", "denial", "Nous n'avons jamais publié ce message.", "coded"),
    ("strategy", "denial", "Ce tweet est un faux grossier.", "coded"),
    ("strategy", "denial", "Ces allégations sont totalement fausses.", "coded"),
    ("strategy", "denial", "Nous tenons à préciser que ce message n'émane pas de la présidence.", "coded"),
    ("strategy", "denial", "Ces accusations sont sans fondement.", "coded"),
    ("strategy", "denial", "Nous avons fait fausse route sur ce dossier.", "absent"),
    ("strategy", "denial", "Le montage financier du projet a été validé par le conseil.", "absent"),
    ("strategy", "denial", "Nous ne nions pas avoir commis une erreur.", "negated"),
    ("strategy", "blame_shift", "Notre compte a été piraté.", "coded"),
    ("strategy", "blame_shift", "Cette erreur est imputable à notre prestataire.", "coded"),
    ("strategy", "blame_shift", "Nous prenons l'entière responsabilité de cette erreur.", "absent"),
    ("strategy", "blame_shift", "Notre compte n'a pas été piraté.", "negated"),
    ("strategy", "excuse_accident", "Ce message a été publié par erreur.", "coded"),
    ("strategy", "excuse_accident", "Il s'agit d'une erreur de manipulation.", "coded"),
    ("strategy", "excuse_accident", "Le tweet a été envoyé accidentellement depuis le compte officiel.", "coded"),
    ("strategy", "excuse_accident", "C'est une regrettable maladresse.", "coded"),
    ("strategy", "excuse_accident", "Nos pensées vont aux victimes de l'accident.", "absent"),
    ("strategy", "excuse_accident", "Le risque d'accident reste très faible.", "absent"),
    ("strategy", "excuse_accident", "Ce message n'a pas été publié accidentellement.", "negated"),
    ("strategy", "excuse_accident", "Ce n'était pas un accident.", "negated"),
    ("strategy", "minimization", "Le compte a été momentanément inaccessible.", "coded"),
    ("strategy", "minimization", "Seul un petit nombre de clients a été concerné.", "coded"),
    ("strategy", "minimization", "Le message n'est resté en ligne que quelques minutes.", "coded"),
    ("strategy", "minimization", "L'incident n'a eu qu'un impact limité sur nos services.", "coded"),
    ("strategy", "minimization", "Nous présentons nos excuses à chaque passager.", "absent"),
    ("strategy", "minimization", "Nous avons reçu quelques messages de soutien.", "absent"),
    ("strategy", "minimization", "Nous avons limité l'accès au compte.", "absent"),
    ("strategy", "minimization", "Il ne s'agit pas d'un incident mineur.", "negated"),
    ("strategy", "apology", "Nous présentons nos excuses à toutes les personnes choquées par ce message.", "coded"),
    ("strategy", "apology", "Je regrette profondément ce tweet.", "coded"),
    ("strategy", "apology", "Toutes nos excuses pour la gêne occasionnée.", "coded"),
    ("strategy", "apology", "Nous sommes sincèrement désolés.", "coded"),
    ("strategy", "apology", "Je demande pardon à ceux que j'ai blessés.", "coded"),
    ("strategy", "apology", "Notre regretté fondateur avait toujours défendu ces valeurs.", "absent"),
    ("strategy", "apology", "Nous ne nous excuserons pas.", "negated"),
    ("strategy", "apology", "Nous refusons de présenter des excuses.", "negated"),
    ("strategy", "bolstering", "Depuis vingt ans, nous œuvrons pour la liberté d'expression.", "coded"),
    ("strategy", "bolstering", "Nous restons fidèles à nos valeurs républicaines.", "coded"),
    ("strategy", "bolstering", "Notre entreprise a toujours défendu la diversité.", "coded"),
    ("strategy", "bolstering", "Notre engagement en faveur de l'égalité est constant.", "coded"),
    ("strategy", "bolstering", "Nous sommes toujours en attente d'une réponse de Twitter.", "absent"),
    ("strategy", "bolstering", "La valeur de l'action a chuté.", "absent"),
    ("strategy", "bolstering", "L'attaché de presse du ministère a été suspendu.", "absent"),
    ("strategy", "bolstering", "Nous prenons l'engagement de rembourser chaque client.", "absent"),
    ("strategy", "attack_accuser", "Ces accusations sont de pures calomnies.", "coded"),
    ("strategy", "attack_accuser", "Certains médias se livrent à une véritable campagne de désinformation.", "coded"),
    ("strategy", "attack_accuser", "Je porterai plainte pour diffamation contre ce journal.", "coded"),
    ("strategy", "attack_accuser", "Nous luttons contre la désinformation sur les réseaux sociaux.", "absent"),
    ("strategy", "attack_accuser", "Je ne dis pas que les journalistes mentent.", "negated"),
    ("strategy", "corrective_action", "Le message a été supprimé.", "coded"),
    ("strategy", "corrective_action", "Nous allons porter plainte.", "coded"),
    ("strategy", "corrective_action", "Nous ferons mieux à l'avenir.", "absent"),
    ("strategy", "corrective_action", "Nous n'avons pas porté plainte.", "negated"),
    ("strategy", "admission", "J'assume l'entière responsabilité de ce tweet.", "coded"),
    ("strategy", "admission", "C'est moi qui ai publié ce message.", "coded"),
    ("strategy", "admission", "Contrairement à ce que nous avions indiqué, notre compte n'a pas été piraté.", "coded"),
    ("strategy", "admission", "Nous reconnaissons avoir commis une erreur.", "coded"),
    ("strategy", "admission", "Nous reconnaissons l'engagement de nos équipes.", "absent"),
    ("strategy", "admission", "Nous partageons l'émotion de nos abonnés.", "absent"),
    ("strategy", "admission", "Nous avons mis en place une cellule de crise.", "absent"),
    ("strategy", "admission", "Nous ne sommes pas responsables de ce message.", "absent"),
]


@pytest.mark.parametrize("dimension,label,text,expected", CASES)
def test_dimension_fr_label(tag, dimension, label, text, expected):
    check_label(tag("fr", text), dimension, label, expected)


CLAIMS = [
    # --- cause ----------------------------------------------------------------------------------
    ("cause", "external_attack", "Notre site a été la cible d'une cyberattaque.", "asserted"),
    ("cause", "external_attack", "Des pirates ont pris le contrôle de notre compte.", "asserted"),
    ("cause", "external_attack", "Le compte a été compromis par un tiers malveillant.", "asserted"),
    ("cause", "external_attack", "Nous luttons contre le piratage.", "absent"),
    ("cause", "external_attack", "Il n'y a eu aucune intrusion dans nos systèmes.", "negated"),
    ("cause", "external_attack", "Ni pirates, ni hackers.", "negated"),
    ("cause", "insider_error", "Il s'agit d'une erreur humaine.", "asserted"),
    ("cause", "insider_error", "Un collaborateur s'est trompé de compte.", "asserted"),
    ("cause", "insider_error", "Le tweet a été publié par inadvertance.", "asserted"),
    ("cause", "insider_error", "Une erreur technique a interrompu le service.", "absent"),
    ("cause", "insider_error", "Ce n'est pas une erreur de manipulation.", "negated"),
    ("cause", "insider_intent", "Le message a été publié délibérément par un salarié.", "asserted"),
    ("cause", "insider_intent", "Il s'agit d'un acte de sabotage.", "asserted"),
    ("cause", "insider_intent", "Nous avons délibéré en conseil d'administration.", "absent"),
    ("cause", "insider_intent", "Aucune volonté de nuire de la part de notre équipe.", "negated"),
    ("cause", "insider_intent", "Ce n'était pas intentionnel.", "negated"),
    ("cause", "third_party_fault", "La panne est due à une défaillance de notre prestataire.", "asserted"),
    ("cause", "third_party_fault", "L'erreur incombe à l'agence chargée de nos réseaux sociaux.", "asserted"),
    ("cause", "third_party_fault", "Nous remercions notre prestataire pour sa réactivité.", "absent"),
    ("cause", "third_party_fault", "Notre prestataire n'est pas en cause.", "negated"),
    ("cause", "circumstances", "Un problème technique est à l'origine de cette publication.", "asserted"),
    ("cause", "circumstances", "Une panne de serveur a provoqué l'envoi du message.", "asserted"),
    ("cause", "circumstances", "Notre équipe technique travaille sans relâche.", "absent"),
    ("cause", "circumstances", "Il ne s'agit en aucun cas d'un bug.", "negated"),
    ("cause", "organizational_fault", "Nos procédures internes ont failli.", "asserted"),
    ("cause", "organizational_fault", "Nos dispositifs de contrôle étaient insuffisants.", "asserted"),
    ("cause", "organizational_fault", "La direction était au courant depuis des mois.", "asserted"),
    ("cause", "organizational_fault", "Nos procédures de contrôle ont été renforcées.", "absent"),
    ("cause", "organizational_fault", "Aucune défaillance de nos procédures n'a été constatée.", "negated"),
    # --- event ----------------------------------------------------------------------------------
    ("event", "act_committed", "C'est moi qui ai publié ce tweet.", "asserted"),
    ("event", "act_committed", "J'ai écrit ce message sous le coup de la colère.", "asserted"),
    ("event", "act_committed", "Je l'ai publié moi-même.", "asserted"),
    ("event", "act_committed", "Nous partageons l'émotion de nos abonnés.", "absent"),
    ("event", "act_committed", "Nous avons mis en place une cellule de crise.", "absent"),
    ("event", "act_committed", "Nous n'avons jamais publié ce message.", "negated"),
    ("event", "act_committed", "Je n'ai pas écrit ce tweet.", "negated"),
    # --- responsibility -------------------------------------------------------------------------
    ("responsibility", "responsibility_accepted", "J'assume pleinement la responsabilité de cette erreur.", "asserted"),
    ("responsibility", "responsibility_accepted", "La responsabilité nous incombe.", "asserted"),
    ("responsibility", "responsibility_accepted", "C'est notre faute.", "asserted"),
    ("responsibility", "responsibility_accepted", "Nous reconnaissons l'engagement de nos équipes.", "absent"),
    ("responsibility", "responsibility_accepted", "La responsabilité sociale de l'entreprise est au cœur de notre stratégie.", "absent"),
    ("responsibility", "responsibility_accepted", "Nous ne sommes en aucun cas responsables de ce message.", "negated"),
    # --- finding (CODEBOOK §6 : ce qu'établissent tribunaux, enquêtes, journalistes, proches) ---
    ("finding", "guilt_established", "Le tribunal a reconnu l'ancien ministre coupable de fraude fiscale.", "asserted"),
    ("finding", "guilt_established", "Il a été condamné à quatre ans de prison dont deux avec sursis.", "asserted"),
    ("finding", "guilt_established", "Une division de la société a plaidé coupable à une accusation de fraude.", "asserted"),
    ("finding", "guilt_established", "L'ancien maire a reconnu sa culpabilité devant le tribunal.", "asserted"),
    ("finding", "guilt_established", "Devant les juges, le ministre a avoué avoir possédé un compte en Suisse.", "asserted"),
    ("finding", "guilt_established", "Le gouvernement a condamné fermement ces propos.", "absent"),
    ("finding", "guilt_established", "Le ministre a condamné les violences de la nuit dernière.", "absent"),
    ("finding", "guilt_established", "Le tribunal ne l'a pas reconnu coupable.", "negated"),
    ("finding", "cleared", "Le député a été relaxé par le tribunal correctionnel.", "asserted"),
    ("finding", "cleared", "L'ancien directeur a été blanchi par la justice.", "asserted"),
    ("finding", "cleared", "Le ministre a été mis hors de cause par l'enquête.", "asserted"),
    ("finding", "cleared", "L'affaire a été classée sans suite faute de preuves.", "absent"),
    ("finding", "cleared", "L'argent blanchi a transité par plusieurs comptes.", "absent"),
    ("finding", "cleared", "Il n'a pas été relaxé.", "negated"),
    ("finding", "account_false", "Le tribunal a souligné que le conseiller d'État avait menti.", "asserted"),
    ("finding", "account_false", "Contrairement à ce qu'il avait affirmé, le voyage était payé par un tiers.", "asserted"),
    ("finding", "account_false", "Ses déclarations mensongères ont été relevées par la cour.", "asserted"),
    ("finding", "account_false", "Ses déclarations ont été publiées lundi.", "absent"),
    ("finding", "account_false", "Contrairement à ce que nous avions annoncé, la réunion est reportée.", "absent"),
    ("finding", "account_false", "Rien ne prouve qu'il ait menti.", "negated"),
    # --- event : une dénégation générale est un `allegations_false` affirmé ---
    ("event", "allegations_false", "Je suis innocent.", "asserted"),
    ("event", "allegations_false", "Ces accusations sont totalement fausses.", "asserted"),
    ("event", "allegations_false", "Je démens formellement ces informations.", "asserted"),
    ("event", "allegations_false", "Je ne conteste pas ces accusations.", "absent"),
    ("event", "allegations_false", "Les accusations ont été publiées par un hebdomadaire.", "absent"),
    ("event", "allegations_false", "Il est faux de dire que ces accusations sont mensongères.", "negated"),
    # --- remediation comme preuve : une action annoncée qui n'a jamais eu lieu ---
    ("remediation", "investigation", "L'enquête annoncée par le ministère n'a jamais été ouverte.", "negated"),
    ("remediation", "investigation", "Aucune enquête n'a été ouverte.", "negated"),
    ("remediation", "investigation", "Une enquête a été ouverte lundi par le parquet.", "asserted"),
    ("remediation", "investigation", "L'enquête promise n'a jamais été lancée.", "negated"),
    ("finding", "content_fake", "La fausse capture d'écran a été partagée des milliers de fois.", "asserted"),
    ("finding", "content_fake", "Le message est l'œuvre d'un lycéen de 17 ans.", "asserted"),
    ("finding", "content_fake", "La capture d'écran a été partagée des milliers de fois.", "absent"),
    ("finding", "content_fake", "Il a fait une fausse déclaration au fisc.", "absent"),
    ("finding", "content_fake", "Ce n'est pas un faux tweet.", "negated"),
    ("cause", "organizational_fault", "La banque a laissé se développer un système déficient.", "asserted"),
    ("cause", "organizational_fault", "La cour relève l'accumulation de manquements en matière de sécurité.", "asserted"),
    ("cause", "organizational_fault", "Le système de freinage fonctionne correctement.", "absent"),
    ("cause", "organizational_fault", "La cour n'a relevé aucun manquement en matière de sécurité.", "negated"),
]


@pytest.mark.parametrize("dimension,label,text,expected", CLAIMS)
def test_dimension_fr_claim(tag, dimension, label, text, expected):
    check_claim(tag("fr", text), dimension, label, expected)


STATUSES = [
    ("Twitter en a été informé.", "platform_notified", "done"),
    ("L'agent a été suspendu.", "personnel_action", "done"),
    ("Le message a été supprimé.", "content_removed", "done"),
    ("Tweet supprimé.", "content_removed", "done"),
    ("Une plainte a été déposée.", "authorities_notified", "done"),
    ("Nous avons changé nos mots de passe.", "access_secured", "done"),
    ("Nous avons immédiatement alerté la police.", "authorities_notified", "done"),
    ("Des investigations sont en cours.", "investigation", "ongoing"),
    ("Nous travaillons avec Facebook pour rétablir l'accès à la page.", "platform_notified", "ongoing"),
    ("Nous sommes en contact avec Twitter.", "platform_notified", "ongoing"),
    ("Une enquête interne est actuellement menée.", "investigation", "ongoing"),
    ("Nous poursuivons nos échanges avec les autorités.", "authorities_notified", "ongoing"),
    ("Nous allons porter plainte.", "authorities_notified", "promised"),
    ("Une enquête sera ouverte.", "investigation", "promised"),
    ("Les clients seront remboursés.", "compensation", "promised"),
    ("Nous renforcerons nos procédures de validation.", "policy_change", "promised"),
    ("Des sanctions seront prises.", "personnel_action", "promised"),
    ("Nous nous engageons à revoir nos procédures.", "policy_change", "promised"),
    ("Nous nous réservons le droit de porter plainte.", "authorities_notified", "promised"),
    ("Les clients concernés seront contactés puis remboursés.", "compensation", "promised"),
]


@pytest.mark.parametrize("text,label,status", STATUSES)
def test_dimension_fr_remediation_status(tag, text, label, status):
    doc = tag("fr", text)
    found = {(s.label_, s._.status) for s in doc.spans["remediation"] if not s._.negated}
    assert (label, status) in found, found
    assert label in doc._.codes["remediation"]


def test_dimension_fr_reported_speech_is_not_coded(tag):
    doc = tag("fr", "Le compte aurait été piraté, selon la présidence.", role="journalist")
    assert doc._.codes["blame_shift"] == []
    assert doc._.corrective == 0
    hacks = [s for s in doc.spans["cause"] if s.label_ == "external_attack"]
    assert hacks and all(s._.reported_by for s in hacks)
    shifts = [s for s in doc.spans["blame_shift"] if s.label_ == "external_attacker"]
    assert shifts and all(s._.reported_by for s in shifts)


def test_dimension_fr_announced_participle_is_not_reported_speech(tag):
    doc = tag("fr", "L'enquête annoncée par le ministère n'a jamais été ouverte.", role="journalist")
    spans = [s for s in doc.spans["remediation"] if s.label_ == "investigation"]
    assert spans and all(s._.reported_by is None for s in spans), [(s.text, s._.reported_by) for s in spans]
    doc = tag("fr", "Le ministère a annoncé qu'une enquête avait été ouverte.", role="journalist")
    assert all(s._.reported_by for s in doc.spans["remediation"] if s.label_ == "investigation")
